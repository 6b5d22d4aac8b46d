using System.Globalization;

namespace Diqing.Procurement.Benchmarks.Load;

/// <summary>
/// Issue 18, item 3: wall time and CPU time from process start to the first healthy answer, for the demo on an empty
/// folder (migrations and demo data) and for an existing database (the demo's, then the generated 100,000-contract
/// one), each in a fresh process. CPU and JIT figures come from the app's benchmark-only stats endpoint.
/// Usage: <c>startup [--runs 3] [--app published-folder] [--port 5320]</c>.
/// </summary>
internal static class StartupRunner
{
    public static async Task<int> MainAsync(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var runs = int.Parse(Value("--runs") ?? "3", CultureInfo.InvariantCulture);
        var port = int.Parse(Value("--port") ?? "5320", CultureInfo.InvariantCulture);
        var app = Value("--app");
        var root = Path.Combine(Path.GetTempPath(), "diqing-load-bench", "startup");
        var large = await LoadData.EnsureTemplateAsync(100_000, 1_000_000, port);

        Console.WriteLine($"App: {app ?? "Release build of src/Diqing.Procurement.Web"}; {runs} runs each.");
        Console.WriteLine("| start | run | wall to healthy (s) | CPU (s) | methods compiled | JIT time (s) | load average |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        for (var run = 1; run <= runs; run++)
        {
            var empty = Path.Combine(root, $"empty-{run}");
            if (Directory.Exists(empty))
            {
                Directory.Delete(empty, recursive: true);
            }

            await MeasureAsync("demo, empty folder", run, empty, port, app);
            await MeasureAsync("demo database", run, empty, port, app);
            await MeasureAsync("100,000 contracts, 1,000,000 audit entries", run, LoadData.CopyForRun(large, "startup"), port, app);
        }

        return 0;
    }

    private static async Task MeasureAsync(string name, int run, string folder, int port, string? app)
    {
        var load = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        await using var process = await AppProcess.StartAsync(folder, port, app);
        var s = process.AtHealthy;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {run} | {process.WallToHealthy.TotalSeconds:F2} | {s.CpuSeconds:F2} | {s.JitMethods:N0} | {s.JitSeconds:F2} | {load} |"));

        // Where the CPU went: each step's share, from the process's own marks (the last one is the first healthy answer).
        var previous = 0.0;
        var steps = (s.Phases ?? []).Select(p => (p.Name, p.CpuSeconds)).Append(("first healthy answer", s.CpuSeconds));
        Console.WriteLine("|   | " + string.Join("; ", steps.Select(step =>
        {
            var share = string.Create(CultureInfo.InvariantCulture, $"{step.Item1} +{step.Item2 - previous:F2}");
            previous = step.Item2;
            return share;
        })) + " |");
    }
}
