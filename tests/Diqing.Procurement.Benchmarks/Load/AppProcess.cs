using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Diqing.Procurement.Benchmarks.Load;

/// <summary>
/// The real web app as a child process (the built Web project, or a published folder), on a loopback port, in
/// benchmark mode (its <c>/_benchmark/stats</c> endpoint exists only then). Disposing stops it.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };
    private readonly Process _process;

    private AppProcess(Process process, Uri address, TimeSpan wallToHealthy, BenchmarkStats atHealthy)
    {
        _process = process;
        Address = address;
        WallToHealthy = wallToHealthy;
        AtHealthy = atHealthy;
    }

    public Uri Address { get; }

    public TimeSpan WallToHealthy { get; }

    /// <summary>The stats read right after the first healthy answer, without a forced collection.</summary>
    public BenchmarkStats AtHealthy { get; }

    public int ProcessId => _process.Id;

    /// <param name="appFolder">A published folder holding Diqing.Procurement.Web.dll, or null for the Web project's Release build.</param>
    public static async Task<AppProcess> StartAsync(string dataFolder, int port, string? appFolder = null, bool demo = true, IDictionary<string, string>? environment = null)
    {
        var repository = Repository.Root;
        var webProject = Path.Combine(repository, "src", "Diqing.Procurement.Web");
        var dll = appFolder is null
            ? Path.Combine(webProject, "bin", "Release", "net10.0", "Diqing.Procurement.Web.dll")
            : Path.Combine(appFolder, "Diqing.Procurement.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build it first (dotnet build src/Diqing.Procurement.Web -c Release).");
        }

        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        if (await AnswersAsync(address))
        {
            throw new InvalidOperationException($"Something already answers on {address}; choose another --port.");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            // Like `dotnet run`: the content root is the project folder (static web assets come from the build output).
            WorkingDirectory = appFolder ?? webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     dll, "--urls", address.ToString().TrimEnd('/'), "--Database:DataFolder", dataFolder,
                     "--Benchmark:Enabled", "true", "--Logging:LogLevel:Default", "Warning",
                 })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = demo ? "Demo" : "Production";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (!await HealthyAsync(address))
        {
            if (process.HasExited || watch.Elapsed > TimeSpan.FromMinutes(3))
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                lock (log)
                {
                    throw new InvalidOperationException("The app did not become healthy:\n" + log);
                }
            }

            await Task.Delay(20);
        }

        var wall = watch.Elapsed;
        var stats = await StatsAsync(address, collect: false);
        return new AppProcess(process, address, wall, stats);
    }

    public Task<BenchmarkStats> StatsAsync(bool collect = true) => StatsAsync(Address, collect);

    private static async Task<BenchmarkStats> StatsAsync(Uri address, bool collect) =>
        await Http.GetFromJsonAsync<BenchmarkStats>(new Uri(address, $"_benchmark/stats?collect={(collect ? "true" : "false")}"))
        ?? throw new InvalidOperationException("No stats.");

    private static async Task<bool> HealthyAsync(Uri address)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(address, "healthz"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<bool> AnswersAsync(Uri address)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address.Host, address.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the host stops gracefully (SQLite closes its files).
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}

/// <summary>What <c>/_benchmark/stats</c> answers (see the Web project's BenchmarkEndpoints).</summary>
internal sealed record BenchmarkStats(
    int Circuits, long LiveHeapBytes, long GcHeapSizeBytes, long FragmentedBytes, long WorkingSetBytes, long PrivateBytes,
    double CpuSeconds, long JitMethods, double JitSeconds, double UptimeSeconds, IReadOnlyList<StartupPhase>? Phases);

/// <summary>The process's CPU and wall seconds when the start reached a step (the Web project's StartupPhases).</summary>
internal sealed record StartupPhase(string Name, double CpuSeconds, double WallSeconds);

internal static class Repository
{
    /// <summary>The folder holding Diqing.Procurement.sln, found upwards from the benchmark's binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Diqing.Procurement.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Diqing.Procurement.sln not found above " + AppContext.BaseDirectory);
    }
}
