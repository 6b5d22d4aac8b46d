using Diqing.Procurement.Infrastructure;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Infrastructure.Tests.Persistence;

/// <summary>Fails when a model change was made without adding a migration to BOTH providers.</summary>
public class MigrationsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.SqlServer, "Server=127.0.0.1,1;Database=NotUsed;User Id=x;Password=y;TrustServerCertificate=True")]
    public async Task Migrations_project_is_not_behind_the_model(DatabaseProvider provider, string connectionString)
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddProcurementInfrastructure(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }, Path.GetTempPath(), TestApp.AuditOptions(Path.GetTempPath()))
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ProcurementDbContext>>().CreateDbContextAsync();

        // No database is contacted: this compares the model with the provider's latest snapshot.
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations are behind the model: add a migration to both providers (README).");
    }

    [Fact]
    public async Task Both_providers_have_the_same_migrations()
    {
        static async Task<IEnumerable<string>> NamesAsync(DatabaseProvider provider, string connectionString)
        {
            await using var services = new ServiceCollection().AddLogging()
                .AddProcurementInfrastructure(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }, Path.GetTempPath(), TestApp.AuditOptions(Path.GetTempPath()))
                .BuildServiceProvider();
            await using var scope = services.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ProcurementDbContext>>().CreateDbContextAsync();
            return db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]).ToList();
        }

        var sqlite = await NamesAsync(DatabaseProvider.Sqlite, "Data Source=:memory:");
        var sqlServer = await NamesAsync(DatabaseProvider.SqlServer, "Server=127.0.0.1,1;Database=x;User Id=x;Password=y");
        Assert.Equal(sqlite, sqlServer);
    }
}
