using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Usage (Release): dotnet run -c Release --project tests/Diqing.Procurement.Benchmarks -- --filter '*'
// The first run builds a one-million-entry audit log in the temp folder (about a minute) and reuses it afterwards.
// Ledger exports (issue 7) need the peak working set, which BenchmarkDotNet does not report: a console mode
// runs each export in its own process and prints time and Process.PeakWorkingSet64 (see README, "Ledger performance").
//   dotnet run -c Release --project tests/Diqing.Procurement.Benchmarks -- ledgers [rows] [iterations] [scenario,…]
if (args.Length > 0 && args[0] is "ledgers" or "ledger-run")
{
    return await Diqing.Procurement.Benchmarks.LedgerExportRunner.MainAsync(args);
}

// Issue 18 (docs/performance.md): sessions, memory per circuit and interaction times against the real app.
if (args.Length > 0 && args[0] == "load")
{
    return await Diqing.Procurement.Benchmarks.Load.LoadRunner.MainAsync(args);
}

if (args.Length > 0 && args[0] == "startup")
{
    return await Diqing.Procurement.Benchmarks.Load.StartupRunner.MainAsync(args);
}

if (args.Length > 0 && args[0] == "lists")
{
    return await Diqing.Procurement.Benchmarks.Lists.ListQueryRunner.MainAsync(args);
}

var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
