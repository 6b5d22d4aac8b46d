using Diqing.Procurement.Application.Setup;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Setup;

public sealed class ApplicationInitializerTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.CreateAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task InitializeAsync(bool demo, BootstrapOptions? bootstrap = null) =>
        ApplicationInitializer.InitializeAsync(_app.Services, _app.Folder, new DemoOptions { Enabled = demo }, bootstrap ?? new BootstrapOptions());

    [Fact]
    public async Task Demo_mode_seeds_agencies_funds_and_one_account_per_role_idempotently()
    {
        await InitializeAsync(demo: true);
        await InitializeAsync(demo: true);

        await using var db = await _app.DbAsync();
        Assert.Equal(DemoData.Agencies.Count, await db.Agencies.CountAsync());
        Assert.Equal(DemoData.Funds.Count, await db.FundingSources.CountAsync());
        Assert.All(await db.FundingSources.ToListAsync(), f => Assert.Contains("演示", f.Notes));

        await using var scope = _app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var role in Roles.All)
        {
            Assert.NotEmpty(await users.GetUsersInRoleAsync(role));
        }

        // Contracts at every stage: in progress, signed, draft and accepted with an evaluation.
        var statuses = await db.Contracts.Select(c => c.Status).ToListAsync();
        Assert.Equal(6, statuses.Count); // four of the demo year, two of the prior year (its welfare-lottery announcement)
        Assert.Contains(Domain.Contracts.ContractStatus.InProgress, statuses);
        Assert.Contains(Domain.Contracts.ContractStatus.Draft, statuses);
        Assert.Contains(Domain.Contracts.ContractStatus.Accepted, statuses);
        Assert.True(await db.Disbursements.AnyAsync());
        Assert.Equal(
            [Domain.Reports.ReportStatus.Submitted, Domain.Reports.ReportStatus.Approved, Domain.Reports.ReportStatus.Approved, Domain.Reports.ReportStatus.Approved],
            (await db.MilestoneReports.Where(r => db.Contracts.Any(c => c.Id == r.ContractId && c.Year == 2026)).Select(r => r.Status).ToListAsync()).Order());

        // The prior year: its two welfare-lottery projects accepted, every report approved, and its announcement published in 2026.
        Assert.All(await db.Contracts.Where(c => c.Year == DemoData.PriorYear).Select(c => c.Status).ToListAsync(), s => Assert.Equal(Domain.Contracts.ContractStatus.Accepted, s));
        Assert.Equal(6, await db.MilestoneReports.CountAsync(r => r.Status == Domain.Reports.ReportStatus.Approved && db.Contracts.Any(c => c.Id == r.ContractId && c.Year == DemoData.PriorYear)));
        var announcement = await db.WelfareLotteryAnnouncements.SingleAsync();
        Assert.Equal((DemoData.PriorYear, true), (announcement.Year, announcement.IsPublished));
        Assert.Equal(new DateOnly(2026, 3, 27), Domain.Common.ChinaTime.DateOf(announcement.PublishedAtUtc!.Value));
        Assert.Equal(Domain.Competitions.CompetitionPhase.Judging, (await db.Competitions.SingleAsync()).Phase);
        Assert.Equal(2, await db.CompetitionEntries.CountAsync());
        Assert.Equal(2, await db.ScoreSheets.CountAsync(s => s.Status == Domain.Competitions.ScoreSheetStatus.Submitted));
        Assert.Equal(3, (await db.Competitions.SingleAsync()).JudgeIds.Count);
        Assert.Equal(2, await db.ConflictDeclarations.CountAsync()); // judge3 has not declared yet
        Assert.Equal(1, await db.Attachments.CountAsync(a => a.ContractId != null)); // the signed scan of the rehabilitation contract
        Assert.Equal(1, await db.Attachments.CountAsync(a => a.EntryId != null)); // the children's entry's proposal

        var agencyUser = (await users.FindByNameAsync("agency"))!;
        Assert.Equal("德钦县社会工作服务中心", (await db.Agencies.SingleAsync(a => a.Id == agencyUser.AgencyId)).Name);
        Assert.True(await users.CheckPasswordAsync(agencyUser, DemoData.Password));
    }

    [Fact]
    public async Task Outside_demo_mode_the_first_administrator_comes_from_configuration()
    {
        await InitializeAsync(demo: false, new BootstrapOptions { AdminUserName = "chief", AdminPassword = "Str0ngFirstPass" });

        await using var scope = _app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admins = await users.GetUsersInRoleAsync(Roles.Administrator);
        Assert.Equal("chief", Assert.Single(admins).UserName);
        await using var db = await _app.DbAsync();
        Assert.Equal(0, await db.Agencies.CountAsync());
    }

    [Fact]
    public async Task Outside_demo_mode_start_is_refused_without_an_administrator()
    {
        var ex = await Assert.ThrowsAsync<StartupRefusedException>(() => InitializeAsync(demo: false));
        Assert.Contains("Bootstrap:AdminUserName", ex.Message);
    }

    [Fact]
    public async Task Outside_demo_mode_the_demo_password_is_refused_as_bootstrap_password()
    {
        await Assert.ThrowsAsync<StartupRefusedException>(() =>
            InitializeAsync(demo: false, new BootstrapOptions { AdminUserName = "chief", AdminPassword = DemoData.Password }));
    }

    [Fact]
    public async Task Outside_demo_mode_start_is_refused_while_demo_accounts_keep_demo_passwords()
    {
        await InitializeAsync(demo: true);

        var ex = await Assert.ThrowsAsync<StartupRefusedException>(() => InitializeAsync(demo: false));
        Assert.Contains("demo password", ex.Message);
    }

    /// <summary>The demo agrees with itself: what the pages and ledgers show was made by the same rules as a user's work.</summary>
    [Fact]
    public async Task The_demo_database_keeps_the_rules_it_shows()
    {
        await InitializeAsync(demo: true);

        await using var db = await _app.DbAsync();
        var milestones = await db.Milestones.AsNoTracking().ToListAsync();
        var reports = await db.MilestoneReports.AsNoTracking().ToListAsync();
        var contracts = await db.Contracts.AsNoTracking().Include(c => c.Installments).AsSplitQuery().ToListAsync();
        var payments = await db.Disbursements.AsNoTracking().Select(d => new { d.VoucherNumber, d.PaidOn, d.InstallmentId, d.Allocation.ContractId }).ToListAsync();
        var vouchers = await db.PaymentVouchers.AsNoTracking().ToListAsync();
        var today = Domain.Common.ChinaTime.DateOf(DateTime.UtcNow);

        // a milestone is approved only through an approved report, and no later than that report.
        Assert.All(milestones.Where(m => m.IsReportApproved), m => Assert.Contains(reports, r => r.MilestoneId == m.Id && r.Status == Domain.Reports.ReportStatus.Approved));
        Assert.All(reports.Where(r => r.Status == Domain.Reports.ReportStatus.Approved), r => Assert.True(milestones.Single(m => m.Id == r.MilestoneId).IsReportApproved));

        // no payment in the future, before signing or before its installment became payable.
        Assert.NotEmpty(payments);
        foreach (var payment in payments)
        {
            var contract = contracts.Single(c => c.Id == payment.ContractId);
            var installment = contract.Installments.Single(i => i.Id == payment.InstallmentId);
            Assert.True(payment.PaidOn <= today, $"{payment.VoucherNumber} is dated after today");
            Assert.True(payment.PaidOn >= contract.SignedOn, $"{payment.VoucherNumber} is dated before the signing of {contract.Number}");
            Assert.True(installment.PayableFrom is { } from && payment.PaidOn >= from, $"{payment.VoucherNumber} is dated before {installment.Label} became payable");
        }

        Assert.All(contracts.Where(c => c.SignedOn is not null), c => Assert.True(c.SignedOn <= today));

        // one voucher per payment, each registered once.
        Assert.Equal(payments.Select(p => p.VoucherNumber).Distinct().Order(), vouchers.Select(v => v.Number).Order());
        Assert.Equal(vouchers.Count, vouchers.Select(v => v.NormalizedNumber).Distinct().Count());

        // From the demo's first day on, the audit trail runs forward in time, as a real year of work would
        // (the test database's roles were made before, at the real time).
        var times = (await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => e.OccurredAtUtc).ToListAsync())
            .SkipWhile(t => t != DemoData.YearStartsUtc).ToList();
        Assert.True(times.Count > 50);
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task Outside_demo_mode_start_is_refused_while_a_demo_account_keeps_its_published_authenticator_key()
    {
        await InitializeAsync(demo: true);
        await using (var scope = _app.Scope())
        {
            // Every demo password changed, but the administrator still has the key printed in the README.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            foreach (var account in DemoData.Accounts)
            {
                var user = (await users.FindByNameAsync(account.UserName))!;
                await users.RemovePasswordAsync(user);
                await users.AddPasswordAsync(user, "Changed-Password-2026");
            }

            var admin = (await users.FindByNameAsync("admin"))!;
            Assert.True(admin.TwoFactorEnabled);
            Assert.Equal(DemoData.AdminAuthenticatorKey, await users.GetAuthenticatorKeyAsync(admin));
        }

        var ex = await Assert.ThrowsAsync<StartupRefusedException>(() => InitializeAsync(demo: false));
        Assert.Contains("'admin' still uses the published demo authenticator key", ex.Message);
    }
}
