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
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Diqing.Procurement.TestSupport;

/// <summary>
/// The application's real services on a real, migrated SQLite file in a temporary folder.
/// One per test class (or test); disposing deletes the folder.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string Password = "Test@Password1";

    private TestApp(ServiceProvider services, string folder)
    {
        Services = services;
        Folder = folder;
    }

    public ServiceProvider Services { get; }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "diqing.db");

    public static async Task<TestApp> CreateAsync(Action<IServiceCollection>? configure = null, AuditOptions? audit = null)
    {
        var folder = NewFolder();
        var app = await BuildAsync(folder, configure, audit ?? AuditOptions(folder));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in Roles.All)
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        return app;
    }

    /// <summary>
    /// A second app on a copy of this one's data folder (database and files): a snapshot to try an operation on, so that
    /// one prepared state serves many trials without rebuilding it.
    /// </summary>
    public async Task<TestApp> CopyAsync(Action<IServiceCollection>? configure = null)
    {
        var folder = NewFolder();
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // The same audit key: the copied chain is sealed with it. Checkpoints go with the folder.
        var audit = Services.GetRequiredService<AuditOptions>();
        return await BuildAsync(folder, configure, new AuditOptions
        {
            Keys = audit.Keys,
            CurrentKeyId = audit.CurrentKeyId,
            KeyFile = audit.KeyFile,
            CheckpointFolder = Path.Combine(folder, Path.GetRelativePath(Folder, CheckpointFolder)),
        });
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "diqing-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static async Task<TestApp> BuildAsync(string folder, Action<IServiceCollection>? configure, AuditOptions audit)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddProcurementInfrastructure(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataFolder = folder }, folder, audit);
        services.AddProcurementApplication();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await DatabaseMigrator.MigrateAsync(provider, folder);
        return new TestApp(provider, folder);
    }

    /// <summary>A random audit key of this test app only, given in configuration; checkpoints in a folder of their own.</summary>
    public static AuditOptions AuditOptions(string folder) => new()
    {
        Keys = { [AuditKeyId] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) },
        CheckpointFolder = Path.Combine(folder, "checkpoints"),
    };

    public const string AuditKeyId = "test-1";

    public string CheckpointFolder => Services.GetRequiredService<AuditCheckpointStore>().Folder;

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
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
