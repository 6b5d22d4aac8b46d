using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Diqing.Procurement.Infrastructure.Persistence;

/// <summary>Applies migrations at start-up: always for SQLite, for a server database (SQL Server, PostgreSQL) only when configured.</summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(IServiceProvider services, string contentRoot, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(options.ResolveDataFolder(contentRoot));
        }
        else if (!options.MigrateOnStartup)
        {
            logger.LogInformation("{Provider} migrations are not applied at start-up (Database:MigrateOnStartup is false).", options.Provider);
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ProcurementDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}
