using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Infrastructure.Auditing;
using Diqing.Procurement.Infrastructure.Files;
using Diqing.Procurement.Infrastructure.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Diqing.Procurement.Infrastructure.Persistence;

/// <summary>
/// Applies migrations at start-up (always for SQLite, for a server database — SQL Server, PostgreSQL — only when
/// configured), then re-chains an audit log from before R-31 once. The SQLite data folder and database file are
/// owner-only (0700/0600).
/// </summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(IServiceProvider services, string contentRoot, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            FilePermissions.CreatePrivateDirectory(options.ResolveDataFolder(contentRoot));
        }

        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ProcurementDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        _ = db.Model; // built here (it is needed next) so that the start-up benchmark can tell its cost apart
        StartupPhases.Mark("EF model");
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        StartupPhases.Mark("migrations listed");
        if (pending.Count > 0 && options.Provider != DatabaseProvider.Sqlite && !options.MigrateOnStartup)
        {
            logger.LogInformation("{Provider} migrations are not applied at start-up (Database:MigrateOnStartup is false); {Count} pending.", options.Provider, pending.Count);
            return;
        }

        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            foreach (var file in Directory.EnumerateFiles(options.ResolveDataFolder(contentRoot), "diqing.db*"))
            {
                FilePermissions.RestrictFile(file);
            }
        }

        StartupPhases.Mark("migrations applied");
        await AuditChainUpgrade.RunAsync(db, scope.ServiceProvider.GetRequiredService<IAuditSeal>(), logger, cancellationToken);
        StartupPhases.Mark("audit chain checked");
    }
}
