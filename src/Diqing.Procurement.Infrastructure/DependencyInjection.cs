using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Infrastructure.Auditing;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Diqing.Procurement.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Database (provider from <paramref name="options"/>), file store, audit interceptor and keys, current user and Identity stores.</summary>
    /// <exception cref="AuditKeyException">No usable audit key is configured: the app must not start without one .</exception>
    public static IServiceCollection AddProcurementInfrastructure(
        this IServiceCollection services, DatabaseOptions options, string contentRoot, AuditOptions audit, Files.FileStoreOptions? files = null)
    {
        var connectionString = options.ResolveConnectionString(contentRoot);
        var dataFolder = options.ResolveDataFolder(contentRoot);
        services.AddSingleton(options);
        services.AddSingleton(audit);
        services.AddSingleton<IAuditSeal>(AuditKeyRing.Load(audit, dataFolder));
        services.AddSingleton(new AuditCheckpointStore(string.IsNullOrWhiteSpace(audit.CheckpointFolder)
            ? throw new AuditKeyException("Audit:CheckpointFolder is not set: name a folder outside the database for the signed checkpoints of the audit chain (README, \"Audit key and checkpoints\").")
            : Path.GetFullPath(audit.CheckpointFolder, contentRoot)));
        services.TryAddSingleton<TimeProvider>(SeedClock.Instance);
        services.TryAddSingleton<AuditChainGate>();
        services.AddHttpContextAccessor();
        services.TryAddScoped<CurrentUser>();
        services.TryAddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<AuditInterceptor>();
        services.TryAddScoped<Hosting.BackgroundLeases>();
        services.TryAddSingleton<Files.IFileStore>(new Files.FolderFileStore((files ?? new Files.FileStoreOptions()).ResolveRoot(options, contentRoot)));
        services.AddDataProtection(); // password-reset tokens; the web host adds key persistence

        // Scoped factory: each Blazor circuit (a DI scope) gets the interceptor with its own current user.
        services.AddDbContextFactory<ProcurementDbContext>(
            (sp, builder) => builder
                .UseProvider(options.Provider, connectionString)
                .AddInterceptors(sp.GetRequiredService<AuditInterceptor>()),
            ServiceLifetime.Scoped);

        services.AddIdentityCore<ApplicationUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ProcurementDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ApplicationUserClaimsPrincipalFactory>();
        services.AddScoped<IUserConfirmation<ApplicationUser>, ActiveAccountConfirmation>();
        services.TryAddSingleton(new UserSessionOptions());
        services.AddScoped<UserSessions>();
        return services;
    }

    public static DbContextOptionsBuilder UseProvider(this DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(DatabaseOptions.SqliteMigrationsAssembly)),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(DatabaseOptions.SqlServerMigrationsAssembly)),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(DatabaseOptions.PostgreSqlMigrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };

    /// <summary>Password policy, lockout and schema version (R: ≥ 10 characters, mixed; 5 failures lock for 15 minutes).</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
        options.Password.RequiredLength = 10;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.SignIn.RequireConfirmedAccount = true;
        options.User.RequireUniqueEmail = false;
    }
}
