using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Announcements;
using Diqing.Procurement.Application.Features.Dashboard;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Announcements;

public sealed class PublishAnnouncementTests : IAsyncLifetime
{
    private AnnouncementYear _year = null!;

    public async Task InitializeAsync() => _year = await AnnouncementYear.CreateAsync();

    public async Task DisposeAsync() => await _year.App.DisposeAsync();

    private TestApp App => _year.App;

    private async Task<long> DraftAsync(string narrative = "2026 年度福彩公益金使用情况如下。\n如有疑问请来电。") =>
        await App.As<SaveAnnouncementDraftHandler>(Roles.ProcurementOfficer).HandleAsync(new SaveAnnouncementDraftCommand { Year = 2026, Narrative = narrative });

    [Theory]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.AgencyUser)]
    [InlineData(Roles.Judge)]
    public async Task Only_the_bureau_drafts_and_publishes(string role)
    {
        var version = await DraftAsync();

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => App.As<PublishAnnouncementHandler>(role, 1).HandleAsync(new PublishAnnouncementCommand(2026, version)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            App.As<SaveAnnouncementDraftHandler>(role, 1).HandleAsync(new SaveAnnouncementDraftCommand { Year = 2026, Narrative = "改写", Version = version }));
        Assert.False(await App.As<IsAnnouncementPublishedHandler>(Roles.Auditor).HandleAsync(2026));
    }

    [Fact]
    public async Task Publishing_freezes_the_figures_and_the_text()
    {
        var version = await DraftAsync();
        var draft = await App.As<GetAnnouncementHandler>(Roles.FinanceOfficer).HandleAsync(2026);
        Assert.True(draft.CanPublish);

        await App.As<PublishAnnouncementHandler>(Roles.FinanceOfficer, userName: "finance").HandleAsync(new PublishAnnouncementCommand(2026, version));

        // A payment made after publication (in 2027) changes the ledger, not the published announcement.
        await _year.PayMidTermAsync(new DateOnly(2027, 2, 1));
        var published = await App.As<GetAnnouncementHandler>(Roles.Auditor).HandleAsync(2026);
        Assert.True(published.IsPublished);
        Assert.False(published.CanEdit);
        Assert.False(published.CanPublish);
        Assert.Equal("finance", published.PublishedBy);
        Assert.Equal(AnnouncementYear.Now, published.PublishedAtUtc);
        Assert.Equal(draft.Figures.PaidTotal, published.Figures.PaidTotal);
        Assert.Equal(90_000m, published.Figures.PaidTotal);

        var frozen = await Assert.ThrowsAsync<DomainException>(() =>
            App.As<SaveAnnouncementDraftHandler>(Roles.ProcurementOfficer).HandleAsync(new SaveAnnouncementDraftCommand { Year = 2026, Narrative = "改写", Version = published.Version }));
        Assert.Equal("Announcement.Frozen", frozen.Code);
        var again = await Assert.ThrowsAsync<DomainException>(() =>
            App.As<PublishAnnouncementHandler>(Roles.ProcurementOfficer).HandleAsync(new PublishAnnouncementCommand(2026, published.Version)));
        Assert.Equal("Announcement.Frozen", again.Code);
        Assert.True(await App.As<IsAnnouncementPublishedHandler>(Roles.Auditor).HandleAsync(2026));
    }

    [Fact]
    public async Task Publishing_is_audited()
    {
        var version = await DraftAsync();
        await App.As<PublishAnnouncementHandler>(Roles.Administrator).HandleAsync(new PublishAnnouncementCommand(2026, version));

        await using var db = await App.DbAsync();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "WelfareLotteryAnnouncement").ToListAsync();
        Assert.Equal(2, entries.Count); // drafted, then published
        Assert.Contains("Published", entries[^1].Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_figures_equal_the_ledger_of_the_year()
    {
        await DraftAsync();
        var figures = (await App.As<GetAnnouncementHandler>(Roles.Auditor).HandleAsync(2026)).Figures;

        await using var db = await App.DbAsync();
        var lottery = db.FundingSources.Where(f => f.Kind == FundingKind.WelfareLottery && f.FiscalYear == 2026);
        Assert.Equal((await lottery.Select(f => f.Amount).ToListAsync()).Sum(), figures.ReceivedTotal);
        Assert.Equal(700_000m, figures.ReceivedTotal);
        Assert.Equal([(FiscalLevel.Central, 200_000m), (FiscalLevel.Prefecture, 500_000m)], figures.ReceivedByLevel());

        // The signed contract only: the draft's allocation is neither a project nor allocated money.
        var project = Assert.Single(figures.Projects);
        Assert.Equal(_year.ContractNumber, project.ContractNumber);
        Assert.Equal(300_000m, project.Allocated);
        var paid = (await db.Disbursements.Where(d => d.Allocation.ContractId == _year.ContractId).Select(d => d.Amount).ToListAsync()).Sum();
        Assert.Equal(paid, project.Paid);
        Assert.Equal(0.3m, project.ExecutionRate);
        Assert.Equal(125, project.PeopleServed);
        Assert.Equal(160m, Assert.Single(project.Results).Actual);
        Assert.Equal(figures.ReceivedTotal - paid, figures.CarriedForwardTotal);
        Assert.Equal(400_000m, figures.Balances.Sum(b => b.Unallocated));
    }

    [Fact]
    public async Task A_year_is_announced_only_once_it_is_over()
    {
        var version = await App.As<SaveAnnouncementDraftHandler>(Roles.ProcurementOfficer).HandleAsync(new SaveAnnouncementDraftCommand { Year = 2027, Narrative = "本年度" });
        Assert.False((await App.As<GetAnnouncementHandler>(Roles.ProcurementOfficer).HandleAsync(2027)).CanPublish);

        var refused = await Assert.ThrowsAsync<DomainException>(() => App.As<PublishAnnouncementHandler>(Roles.ProcurementOfficer).HandleAsync(new PublishAnnouncementCommand(2027, version)));
        Assert.Equal("Announcement.YearNotOver", refused.Code);
    }

    [Fact]
    public async Task The_reminder_is_due_from_May_until_the_prior_year_is_published()
    {
        var reminder = App.As<IsAnnouncementPublishedHandler>(Roles.Administrator);
        Assert.Null(await reminder.PriorYearDueAsync()); // 1 February 2027

        _year.Clock.UtcNow = ChinaTime.ToUtc(new DateTime(2027, 5, 1, 0, 0, 0));
        Assert.Equal(2026, await reminder.PriorYearDueAsync());
        // The home page's dashboard carries the reminder for the bureau and the auditor, not for a judge.
        Assert.Equal(2026, (await App.As<GetDashboardHandler>(Roles.Auditor).HandleAsync(new GetDashboardQuery(null))).AnnouncementDue);
        Assert.Null((await App.As<GetDashboardHandler>(Roles.Judge).HandleAsync(new GetDashboardQuery(null))).AnnouncementDue);

        var version = await DraftAsync();
        await App.As<PublishAnnouncementHandler>(Roles.ProcurementOfficer).HandleAsync(new PublishAnnouncementCommand(2026, version));
        Assert.Null(await reminder.PriorYearDueAsync());
        Assert.Null((await App.As<GetDashboardHandler>(Roles.ProcurementOfficer).HandleAsync(new GetDashboardQuery(null))).AnnouncementDue);
    }
}
