using System.Diagnostics;

namespace Diqing.Procurement.Infrastructure.Hosting;

/// <summary>
/// The process's CPU and wall time at each step of the start (configuration, host built, database ready, listening), so
/// that the start-up benchmark can say where the time goes (docs/performance.md §2). Read by the benchmark-only stats
/// endpoint; recording costs one look at the process's times per step.
/// </summary>
public static class StartupPhases
{
    private static readonly List<StartupPhase> Recorded = [];

    public static void Mark(string name)
    {
        using var process = Process.GetCurrentProcess();
        var phase = new StartupPhase(name, process.TotalProcessorTime.TotalSeconds, (DateTime.Now - process.StartTime).TotalSeconds);
        lock (Recorded)
        {
            Recorded.Add(phase);
        }
    }

    public static IReadOnlyList<StartupPhase> All
    {
        get
        {
            lock (Recorded)
            {
                return [.. Recorded];
            }
        }
    }
}

public sealed record StartupPhase(string Name, double CpuSeconds, double WallSeconds);
