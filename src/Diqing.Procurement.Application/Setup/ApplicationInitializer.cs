using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Hosting;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Diqing.Procurement.Application.Setup;

/// <summary>
/// Start-up: migrate, make sure the six roles exist, then either fill demo data (demo mode) or
/// create the first Administrator from configuration and refuse demo passwords (production).
/// Every step is idempotent.
/// </summary>
public static class ApplicationInitializer
{

    public static async Task InitializeAsync(
        IServiceProvider services, string contentRoot, DemoOptions demo, BootstrapOptions bootstrap, CancellationToken cancellationToken = default)
    {
        await DatabaseMigrator.MigrateAsync(services, contentRoot, cancellationToken);

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApplicationInitializer));

        // A new demo database tells its history from its first day: 3 March 2025 (roles, registry, the prior year's funds and
        // projects, DemoContracts.SeedPriorYearAsync), 2 January 2026 (the year's funds and accounts), then the contracts'
        // history day by day (DemoContracts), the prior year's announcement among it; the competition is being judged now.
        var newDemo = demo.Enabled && !await provider.GetRequiredService<ProcurementDbContext>().Agencies.AnyAsync(cancellationToken);
        if (newDemo)
        {
            SeedClock.Set(DemoData.PriorYearStartsUtc);
        }

        await EnsureRolesAsync(provider.GetRequiredService<RoleManager<IdentityRole>>());
        StartupPhases.Mark("roles");

        if (demo.Enabled)
        {
            logger.LogWarning("Demo mode: demo data and demo accounts (password in README) are enabled.");
            await SeedDemoAsync(provider, cancellationToken);
            SeedClock.Reset();
            StartupPhases.Mark("demo data");
        }
        else
        {
            await RefuseDemoPasswordsAsync(provider.GetRequiredService<UserManager<ApplicationUser>>(), bootstrap);
        }

        await EnsureAdministratorAsync(provider.GetRequiredService<UserManager<ApplicationUser>>(), bootstrap, logger);
    }

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        // One query for the roles there are (every start runs this), then only the missing ones.
        var existing = (await roles.Roles.Select(r => r.Name).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        foreach (var role in Roles.All.Where(r => !existing.Contains(r)))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
    }

    private static async Task EnsureAdministratorAsync(UserManager<ApplicationUser> users, BootstrapOptions bootstrap, ILogger logger)
    {
        var administrators = await users.GetUsersInRoleAsync(Roles.Administrator);
        if (administrators.Any(a => !a.IsDeactivated))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(bootstrap.AdminUserName) || string.IsNullOrWhiteSpace(bootstrap.AdminPassword))
        {
            throw new StartupRefusedException(
                "No active Administrator exists. Set Bootstrap:AdminUserName and Bootstrap:AdminPassword (e.g. as environment variables Bootstrap__AdminUserName / Bootstrap__AdminPassword) for the first start.");
        }

        var admin = new ApplicationUser { UserName = bootstrap.AdminUserName.Trim(), DisplayName = bootstrap.AdminDisplayName, CreatedAtUtc = DateTime.UtcNow };
        var created = await users.CreateAsync(admin, bootstrap.AdminPassword);
        if (!created.Succeeded)
        {
            throw new StartupRefusedException("The bootstrap Administrator could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.Administrator);
        logger.LogInformation("Created the first Administrator {UserName} from configuration.", admin.UserName);
    }

    private static async Task RefuseDemoPasswordsAsync(UserManager<ApplicationUser> users, BootstrapOptions bootstrap)
    {
        if (bootstrap.AdminPassword == DemoData.Password)
        {
            throw new StartupRefusedException("Bootstrap:AdminPassword is the public demo password. Choose another one.");
        }

        foreach (var account in DemoData.Accounts)
        {
            var user = await users.FindByNameAsync(account.UserName);
            if (user is { IsDeactivated: false } && await users.CheckPasswordAsync(user, DemoData.Password))
            {
                throw new StartupRefusedException(
                    $"Account '{account.UserName}' still has the public demo password. Start once in demo mode and change it, or deactivate it, or use a fresh database.");
            }

            if (user is { IsDeactivated: false } && account.AuthenticatorKey is { } key && await users.GetAuthenticatorKeyAsync(user) == key)
            {
                throw new StartupRefusedException(
                    $"Account '{account.UserName}' still uses the published demo authenticator key. Deactivate it, or sign in and set up two-factor sign-in again (账户安全), or use a fresh database.");
            }
        }
    }

    private static async Task SeedDemoAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        var db = provider.GetRequiredService<ProcurementDbContext>();
        foreach (var item in DemoData.Agencies)
        {
            if (!await db.Agencies.AnyAsync(a => a.UnifiedSocialCreditCode == item.Uscc, cancellationToken))
            {
                db.Agencies.Add(new Agency(item.Name, item.Uscc, item.County)
                {
                    Address = item.Address,
                    ContactPerson = item.ContactPerson,
                    Phone = item.Phone,
                    LegalRepresentative = item.ContactPerson,
                    RegistrationAuthority = "迪庆州民政局（演示）",
                });
            }
        }

        await AddFundsAsync(db, DemoData.PriorYear, cancellationToken);
        StartupPhases.Mark("demo agencies and prior year's funds");
        await DemoContracts.SeedPriorYearAsync(provider, cancellationToken);

        // A new demo's history moves on to the demo's year (an existing one has no seed clock set).
        if (SeedClock.Override is not null)
        {
            SeedClock.Set(DemoData.YearStartsUtc);
        }

        await AddFundsAsync(db, DemoData.YearStartsUtc.Year, cancellationToken);

        var users = provider.GetRequiredService<UserManager<ApplicationUser>>();

        // Every demo account has the same public password: hash it once (a hash costs ~0.1 CPU-second by design),
        // not once per account. The shared salt tells nothing the README does not.
        StartupPhases.Mark("demo prior year's contracts, year's funds");
        string? demoHash = null;
        foreach (var account in DemoData.Accounts)
        {
            if (await users.FindByNameAsync(account.UserName) is not null)
            {
                continue;
            }

            int? agencyId = account.AgencyUscc is null
                ? null
                : await db.Agencies.Where(a => a.UnifiedSocialCreditCode == account.AgencyUscc).Select(a => (int?)a.Id).SingleAsync(cancellationToken);
            var user = new ApplicationUser { UserName = account.UserName, DisplayName = account.DisplayName, AgencyId = agencyId, CreatedAtUtc = DateTime.UtcNow };
            demoHash ??= users.PasswordHasher.HashPassword(user, DemoData.Password);
            user.PasswordHash = demoHash;
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new StartupRefusedException("Demo account failed: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, account.Role);
            if (account.AuthenticatorKey is { } key)
            {
                // Identity keeps the authenticator key as this token of its own store.
                await users.SetAuthenticationTokenAsync(user, Features.Account.TwoFactorEnrolmentHandler.AuthenticatorStore, Features.Account.TwoFactorEnrolmentHandler.AuthenticatorKeyName, key);
                await users.SetTwoFactorEnabledAsync(user, true);
            }
        }

        StartupPhases.Mark("demo accounts");
        await DemoContracts.SeedAsync(provider, cancellationToken);
        SeedClock.Reset();
        StartupPhases.Mark("demo contracts");
        await DemoCompetition.SeedAsync(provider, cancellationToken);
    }

    private static async Task AddFundsAsync(ProcurementDbContext db, int year, CancellationToken cancellationToken)
    {
        foreach (var item in DemoData.Funds.Where(f => f.Year == year))
        {
            if (!await db.FundingSources.AnyAsync(f => f.DocumentNumber == item.DocumentNumber, cancellationToken))
            {
                db.FundingSources.Add(new FundingSource(item.Name, item.Kind, item.Year, item.DocumentNumber, item.Amount)
                {
                    FiscalLevel = item.Level,
                    Grantor = item.Grantor,
                    ReceivedOn = new DateOnly(item.Year, 3, 1),
                    Notes = DemoData.DemoMark,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
