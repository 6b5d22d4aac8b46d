using System.Data.Common;
using Diqing.Procurement.Infrastructure;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Diqing.Procurement.Infrastructure.Tests.Persistence;

/// <summary>Fails when a model change was made without adding a migration to EVERY provider, or when a provider's migrations do not build a database.</summary>
public class MigrationsTests
{
    /// <summary>PostgreSQL's Initial migration holds the whole schema up to this one; every later migration exists for all three providers.</summary>
    private const string LastMigrationBeforePostgreSql = "ContractAttachments";

    private const string SqliteConnection = "Data Source=:memory:";
    private const string SqlServerConnection = "Server=127.0.0.1,1;Database=NotUsed;User Id=x;Password=y;TrustServerCertificate=True";
    private const string PostgreSqlConnection = "Host=127.0.0.1;Port=1;Database=not_used;Username=x;Password=y";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, SqliteConnection)]
    [InlineData(DatabaseProvider.SqlServer, SqlServerConnection)]
    [InlineData(DatabaseProvider.PostgreSql, PostgreSqlConnection)]
    public async Task Migrations_project_is_not_behind_the_model(DatabaseProvider provider, string connectionString)
    {
        await using var services = Services(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        await using var db = await ContextAsync(services);

        // No database is contacted: this compares the model with the provider's latest snapshot.
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations are behind the model: add a migration to every provider (README).");
    }

    [Fact]
    public async Task Every_provider_has_the_same_migrations()
    {
        var sqlite = await NamesAsync(DatabaseProvider.Sqlite, SqliteConnection);
        var sqlServer = await NamesAsync(DatabaseProvider.SqlServer, SqlServerConnection);
        var postgreSql = await NamesAsync(DatabaseProvider.PostgreSql, PostgreSqlConnection);

        Assert.Equal(sqlite, sqlServer);
        Assert.Equal(["Initial", .. sqlite.SkipWhile(n => n != LastMigrationBeforePostgreSql).Skip(1)], postgreSql);
    }

    [Theory]
    [ClassData(typeof(DatabaseProviders))]
    public async Task Migrations_build_an_empty_database_up_to_the_model_with_the_audit_triggers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = Services(database.Options);
        await using var db = await ContextAsync(services);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(1, await db.AuditChainHeads.CountAsync());
        await using var connection = database.OpenRawConnection();
        var triggers = await ScalarListAsync(connection, provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEntries'"
            : "SELECT tgname FROM pg_trigger WHERE tgrelid = '\"AuditEntries\"'::regclass AND NOT tgisinternal");
        Assert.Contains("AuditEntries_NoUpdate", triggers);
        Assert.Contains("AuditEntries_NoDelete", triggers);
        if (provider == DatabaseProvider.PostgreSql)
        {
            Assert.Contains("AuditEntries_NoTruncate", triggers);
        }
    }

    private static async Task<List<string>> NamesAsync(DatabaseProvider provider, string connectionString)
    {
        await using var services = Services(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        await using var db = await ContextAsync(services);
        return db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]).ToList();
    }

    private static ServiceProvider Services(DatabaseOptions options) =>
        new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddProcurementInfrastructure(options, Path.GetTempPath(), TestApp.AuditOptions(Path.GetTempPath()))
            .BuildServiceProvider();

    // The factory is scoped (it carries the current user); a context it creates outlives nothing but the provider.
    private static Task<ProcurementDbContext> ContextAsync(ServiceProvider services) =>
        services.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<ProcurementDbContext>>().CreateDbContextAsync();

    private static async Task<List<string>> ScalarListAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
