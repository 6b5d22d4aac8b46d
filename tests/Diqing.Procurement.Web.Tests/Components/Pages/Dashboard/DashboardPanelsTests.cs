using Bunit;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Dashboard;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Dashboard;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Dashboard;

/// <summary>The dashboard widgets render the handler's figures from a known database, each linked to its filtered list.</summary>
public sealed class DashboardPanelsTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;
    private int _agencyId;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _agencyId = await _app.AddAgencyAsync();
        var scenario = new ContractScenario(_app);
        var signed = await scenario.SignedAsync(_agencyId, 120_000.5m);
        await scenario.DraftAsync(_agencyId, 30_000m);
        var first = (await _app.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(signed.ContractId)).Installments.OrderBy(i => i.Sequence).First();
        await _app.As<RecordPaymentHandler>(Roles.FinanceOfficer).HandleAsync(new RecordPaymentCommand(signed.ContractId, first.Id, "记-2026-0777", new DateOnly(2026, 2, 3), 20_000m));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_bureau_panel_shows_the_years_figures_charts_and_links_to_the_filtered_lists()
    {
        var bureau = await _app.As<GetDashboardHandler>(Roles.Auditor).GetBureauAsync(2026);

        var panel = Context.Render<BureauDashboardPanel>(p => p.Add(x => x.Model, bureau));

        var contracted = panel.Find("[data-testid=figure-contracted]");
        Assert.Equal("¥120,000.50", contracted.TextContent.Trim());
        Assert.Equal("contracts?year=2026&signed=true", contracted.GetAttribute("href"));
        Assert.Equal("¥20,000.00", panel.Find("[data-testid=figure-paid]").TextContent.Trim());
        Assert.Equal("funding?year=2026", panel.Find("[data-testid=figure-paid]").GetAttribute("href"));
        Assert.Equal("¥0.00", panel.Find("[data-testid=figure-available]").TextContent.Trim());
        Assert.Null(panel.Find("[data-testid=figure-waiting]").GetAttribute("href")); // the auditor does not review

        var status = panel.Find("[data-testid=chart-status]");
        Assert.NotEmpty(status.QuerySelectorAll("svg path"));
        Assert.Equal("chart-status-title", status.QuerySelector("[role=img]")!.GetAttribute("aria-labelledby"));
        var draft = status.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("草稿"));
        Assert.Contains("¥30,000.00", draft.TextContent);
        Assert.Equal("contracts?year=2026&status=Draft", draft.QuerySelector("a")!.GetAttribute("href"));
        var deqin = panel.Find("[data-testid=chart-counties]").QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("德钦县"));
        Assert.Contains("¥120,000.50", deqin.TextContent);
        Assert.Equal("contracts?year=2026&county=Deqin&signed=true", deqin.QuerySelector("a")!.GetAttribute("href"));
        var fiscal = panel.Find("[data-testid=chart-kinds]").QuerySelectorAll("tbody tr").Single();
        Assert.Contains("16.7%", fiscal.TextContent); // 20,000 ÷ 120,000.50
        Assert.Equal("funding?year=2026&kind=Fiscal", fiscal.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("¥20,000.00", panel.Find("[data-testid=chart-months]").QuerySelectorAll("tbody tr")[1].TextContent);
    }

    [Fact]
    public async Task The_agency_panel_shows_its_contracts_payments_and_next_deadline()
    {
        var agency = await _app.As<GetDashboardHandler>(Roles.AgencyUser, _agencyId).GetAgencyAsync(2026);

        var panel = Context.Render<AgencyDashboardPanel>(p => p.Add(x => x.Model, agency));

        Assert.Equal("¥120,000.50", panel.Find("[data-testid=figure-agency-contracts]").TextContent.Trim());
        Assert.Equal("¥20,000.00", panel.Find("[data-testid=figure-received]").TextContent.Trim());
        Assert.Equal("0", panel.Find("[data-testid=figure-returned]").TextContent.Trim());
        Assert.NotEmpty(panel.Find("[data-testid=chart-received]").QuerySelectorAll("svg path"));
        Assert.Contains("中期", panel.Find("[data-testid=dashboard-deadlines]").TextContent);
    }

    [Fact]
    public void The_judge_panel_counts_sheets_and_declarations_and_shows_the_deadline_in_china_time()
    {
        var judge = new JudgeDashboard([
            new JudgeCompetition(7, "2026年公益创投大赛", true, 0, new DateTime(2026, 12, 16, 1, 0, 0, DateTimeKind.Utc)),
            new JudgeCompetition(8, "2026年第二届大赛", false, 3, new DateTime(2026, 12, 20, 1, 0, 0, DateTimeKind.Utc)),
        ]);

        var panel = Context.Render<JudgeDashboardPanel>(p => p.Add(x => x.Model, judge));

        Assert.Equal("3", panel.Find("[data-testid=figure-sheets]").TextContent.Trim());
        Assert.Equal("1", panel.Find("[data-testid=figure-declarations]").TextContent.Trim());
        Assert.Equal("2026-12-16 09:00:00", panel.Find("[data-testid=figure-deadline]").TextContent.Trim());
        Assert.Equal("competitions/7", panel.Find("[data-testid=chart-judging] tbody a").GetAttribute("href"));
    }
}
