using System.Diagnostics;
using System.Net;
using System.Runtime;
using Diqing.Procurement.Infrastructure.Hosting;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Diqing.Procurement.Web.Diagnostics;

/// <summary>
/// Measurements for the load benchmark (docs/performance.md), present only when <c>Benchmark:Enabled</c> is true
/// and answered only to the same machine: open circuits, live heap after a full blocking collection, working set,
/// CPU time and JIT work since the process started. Forcing collections on request would be a way to slow a
/// production server down, so nothing of this exists outside a benchmark run.
/// </summary>
public static class BenchmarkEndpoints
{
    public const string SettingName = "Benchmark:Enabled";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(SettingName);

    public static IServiceCollection AddBenchmarkDiagnostics(this IServiceCollection services)
    {
        services.AddSingleton<CircuitCounter>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitCounter.Handler>());
        return services;
    }

    public static IEndpointRouteBuilder MapBenchmarkEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_benchmark/stats", (HttpContext http, CircuitCounter circuits, bool? collect) =>
        {
            if (http.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
            {
                return Results.NotFound();
            }

            if (collect != false)
            {
                // Twice: objects with finalizers (timers, CancellationTokenSources) need a second pass.
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            }

            using var process = Process.GetCurrentProcess();
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            return Results.Json(new BenchmarkStats(
                circuits.Open,
                GC.GetTotalMemory(forceFullCollection: false),
                info.HeapSizeBytes,
                info.FragmentedBytes,
                process.WorkingSet64,
                process.PrivateMemorySize64,
                process.TotalProcessorTime.TotalSeconds,
                System.Runtime.JitInfo.GetCompiledMethodCount(),
                System.Runtime.JitInfo.GetCompilationTime().TotalSeconds,
                (DateTime.Now - process.StartTime).TotalSeconds,
                StartupPhases.All));
        });
        return endpoints;
    }

    public sealed record BenchmarkStats(
        int Circuits, long LiveHeapBytes, long GcHeapSizeBytes, long FragmentedBytes, long WorkingSetBytes, long PrivateBytes,
        double CpuSeconds, long JitMethods, double JitSeconds, double UptimeSeconds, IReadOnlyList<StartupPhase> Phases);

    /// <summary>Counts the circuits that are open (connected or not yet evicted).</summary>
    public sealed class CircuitCounter
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        internal sealed class Handler(CircuitCounter counter) : CircuitHandler
        {
            public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref counter._open);
                return Task.CompletedTask;
            }

            public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
            {
                Interlocked.Decrement(ref counter._open);
                return Task.CompletedTask;
            }
        }
    }
}
