using System.Security.Claims;
using Diqing.Procurement.Application;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure;
using Diqing.Procurement.Infrastructure.Auditing;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Diqing.Procurement.TestSupport;

/// <summary>
/// The application's real services on a real, migrated database: an SQLite file in a temporary
/// folder by default, or a PostgreSQL database of its own (<see cref="TestDatabase"/>).
/// One per test class (or test); disposing drops the database and deletes the folder.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string Password = "Test@Password1";

    public const string AuditKeyId = "test-1";

    private readonly Action<IServiceCollection>? _configure;
    private readonly AuditOptions _audit;
    private readonly bool _ownsDatabase;
    private readonly List<TestApp> _instances = [];

    private TestApp(ServiceProvider services, TestDatabase database, Action<IServiceCollection>? configure, AuditOptions audit, bool ownsDatabase)
    {
        Services = services;
        Database = database;
        _configure = configure;
        _audit = audit;
        _ownsDatabase = ownsDatabase;
    }

    public ServiceProvider Services { get; }

    public TestDatabase Database { get; }

    public DatabaseProvider Provider => Database.Provider;

    public string Folder => Database.Folder;

    public string DatabasePath => Path.Combine(Folder, "diqing.db");

    public string CheckpointFolder => Services.GetRequiredService<AuditCheckpointStore>().Folder;

    public static Task<TestApp> CreateAsync(Action<IServiceCollection>? configure = null, AuditOptions? audit = null) =>
        CreateAsync(DatabaseProvider.Sqlite, configure, audit);

    public static async Task<TestApp> CreateAsync(DatabaseProvider provider, Action<IServiceCollection>? configure = null, AuditOptions? audit = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        audit ??= AuditOptions(database.Folder);
        var services = Build(database, configure, audit);
        await DatabaseMigrator.MigrateAsync(services, database.Folder);

        await using (var scope = services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in Roles.All)
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        return new TestApp(services, database, configure, audit, ownsDatabase: true);
    }

    /// <summary>A random audit key of this test app only, given in configuration; checkpoints in a folder of their own.</summary>
    public static AuditOptions AuditOptions(string folder) => new()
    {
        Keys = { [AuditKeyId] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) },
        CheckpointFolder = Path.Combine(folder, "checkpoints"),
    };

    /// <summary>
    /// The app on a database that already holds its schema and data (a restored backup), sealed with
    /// <paramref name="audit"/> (the key of the app that wrote it); disposing drops it.
    /// </summary>
    public static async Task<TestApp> OpenAsync(TestDatabase database, AuditOptions audit)
    {
        var services = Build(database, null, audit);
        await DatabaseMigrator.MigrateAsync(services, database.Folder);
        return new TestApp(services, database, null, audit, ownsDatabase: true);
    }

    /// <summary>The audit settings of this app, for another app that reads its chain (same key; checkpoints in <paramref name="folder"/>).</summary>
    public AuditOptions AuditOptionsFor(string folder) => new()
    {
        Keys = _audit.Keys,
        CurrentKeyId = _audit.CurrentKeyId,
        KeyFile = _audit.KeyFile,
        CheckpointFolder = Path.Combine(folder, Path.GetRelativePath(Folder, CheckpointFolder)),
    };

    /// <summary>
    /// A second app on a copy of this one's SQLite data folder (database, files, checkpoints): a snapshot to try an
    /// operation on, so that one prepared state serves many trials without rebuilding it.
    /// </summary>
    public async Task<TestApp> CopyAsync(Action<IServiceCollection>? configure = null)
    {
        var database = await TestDatabase.CopyOfAsync(Database);
        var audit = AuditOptionsFor(database.Folder);
        var services = Build(database, configure, audit);
        await DatabaseMigrator.MigrateAsync(services, database.Folder);
        return new TestApp(services, database, configure, audit, ownsDatabase: true);
    }

    /// <summary>
    /// Another instance of the app on the same database, as a second web server would be: its own
    /// services, connection pool and in-process audit gate. Disposed with this app; the database stays until then.
    /// </summary>
    public TestApp AnotherInstance()
    {
        var instance = new TestApp(Build(Database, _configure, _audit), Database, _configure, _audit, ownsDatabase: false);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>
    /// <paramref name="count"/> instances of the app for a concurrency test: on a server database each is
    /// an instance of its own (<see cref="AnotherInstance"/>); SQLite serves one instance (docs/deploy.md),
    /// so there all are this app and its writers queue in one process.
    /// </summary>
    public IReadOnlyList<TestApp> Instances(int count) =>
        Enumerable.Range(0, count).Select(_ => Provider == DatabaseProvider.Sqlite ? this : AnotherInstance()).ToList();

    private static ServiceProvider Build(TestDatabase database, Action<IServiceCollection>? configure, AuditOptions audit)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddProcurementInfrastructure(database.Options, database.Folder, audit);
        services.AddProcurementApplication();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>A DI scope whose current user is the given principal (or anonymous).</summary>
    public AsyncServiceScope Scope(ClaimsPrincipal? user = null)
    {
        var scope = Services.CreateAsyncScope();
        if (user is not null)
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(user);
        }

        return scope;
    }

    /// <summary>Resolves a handler in a new scope acting as a user of <paramref name="role"/>.</summary>
    public T As<T>(string role, int? agencyId = null, string userName = "tester")
        where T : notnull =>
        Scope(Principal(role, agencyId, userName)).ServiceProvider.GetRequiredService<T>();

    public static ClaimsPrincipal Principal(string role, int? agencyId = null, string userName = "tester", string? userId = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId ?? "id-" + userName),
            new(ClaimTypes.Name, userName),
            new(ClaimTypes.Role, role),
        };
        if (agencyId is { } id)
        {
            claims.Add(new Claim(AppClaimTypes.AgencyId, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
    }

    public async Task<ProcurementDbContext> DbAsync()
    {
        var factory = Services.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<ProcurementDbContext>>();
        return await factory.CreateDbContextAsync();
    }

    public async Task<int> AddAgencyAsync(string name = "测试社会工作服务中心", string uscc = "52533422MJD000001F", County county = County.Deqin)
    {
        await using var db = await DbAsync();
        var agency = new Agency(name, uscc, county);
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        return agency.Id;
    }

    /// <summary>Creates a real Identity account (password <see cref="Password"/>).</summary>
    public async Task<ApplicationUser> AddUserAsync(string userName, string role, int? agencyId = null)
    {
        await using var scope = Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = userName, DisplayName = userName, AgencyId = agencyId, CreatedAtUtc = DateTime.UtcNow };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        return user;
    }

    /// <summary>Runs raw SQL on its own connection, as a DBA (or an attacker) could, bypassing the app.</summary>
    public async Task<int> ExecuteRawSqlAsync(string sql)
    {
        await using var connection = Database.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await Services.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
