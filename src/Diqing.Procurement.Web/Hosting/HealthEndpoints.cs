using Diqing.Procurement.Infrastructure.Files;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Diqing.Procurement.Web.Hosting;

/// <summary>
/// Liveness (<c>/health/live</c>: the process answers; a supervisor restarts it when it does not) and
/// readiness (<c>/health/ready</c>: the database answers with every migration applied and the file store
/// takes files; a proxy or load balancer sends users only to a ready instance). <c>/healthz</c> runs every check.
/// </summary>
internal static class HealthEndpoints
{
    public const string Ready = "ready";

    public static IHealthChecksBuilder AddProcurementHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddDbContextCheck<ProcurementDbContext>("database", tags: [Ready])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [Ready])
            .AddCheck<FileStoreCheck>("file-store", tags: [Ready]);

    public static IEndpointRouteBuilder MapProcurementHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz");
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
        return endpoints;
    }

    private sealed class MigrationsAppliedCheck(IDbContextFactory<ProcurementDbContext> dbFactory) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}.");
        }
    }

    private sealed class FileStoreCheck(IFileStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (store is not FolderFileStore folder)
            {
                return HealthCheckResult.Healthy();
            }

            // A shared folder that went away (unmounted share) or turned read-only must take this instance out of rotation.
            var probe = Path.Combine(folder.Root, $".ready-{Guid.NewGuid():N}");
            try
            {
                Directory.CreateDirectory(folder.Root);
                await File.WriteAllBytesAsync(probe, [], cancellationToken);
                File.Delete(probe);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return HealthCheckResult.Unhealthy($"The file store {folder.Root} does not take files: {ex.Message}");
            }
        }
    }
}
