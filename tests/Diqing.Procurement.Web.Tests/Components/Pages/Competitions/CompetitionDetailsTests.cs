using Bunit;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Competitions;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

/// <summary>The competition page shows the tabs, the export and the edit button that the view's flags offer the user, and no other.</summary>
public sealed class CompetitionDetailsTests : CompetitionComponentTest
{

    protected override async Task PrepareAsync(CompetitionScenario scenario)
    {
        await scenario.InJudgingAsync();
    }

    private IRenderedComponent<CompetitionDetails> Render(Actor actor, string role)
    {
        SignIn(role);
        Context.Services.AddSingleton(Scenario.As<GetCompetitionHandler>(actor));
        Context.Services.AddSingleton(Scenario.As<CompetitionTransitions>(actor));
        Context.Services.AddSingleton(Scenario.As<ListJudgeCandidatesHandler>(actor));
        Context.Services.AddSingleton(Scenario.As<ChooseJudgePanelHandler>(actor));
        RenderProviders();
        var page = Context.Render<CompetitionDetails>(p => p.Add(c => c.Id, Scenario.CompetitionId));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=competition-name]")));
        return page;
    }

    private static string[] Tabs(IRenderedComponent<CompetitionDetails> page) =>
        page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).ToArray();

    [Fact]
    public async Task The_officer_gets_the_bureau_tabs_the_export_and_publishing_but_no_edit_while_judging()
    {
        var view = await Scenario.ViewAsync();
        var page = Render(Actor.Officer, Roles.ProcurementOfficer);

        Assert.Equal(["概况", "参赛项目", "评审分配", "评审结果"], Tabs(page));
        Assert.Equal((true, true, false, false), (view.Actions.ShowEntries, view.Actions.ShowCoverage, view.Actions.ShowJudging, view.Actions.CanEdit));
        Assert.Single(page.FindAll("[data-testid=export-CompetitionScores]"));
        Assert.Empty(page.FindAll("[data-testid=competition-edit]"));
        Assert.Equal(["phase-publish"], page.FindAll("[data-testid^=phase-]").Select(b => b.GetAttribute("data-testid")));
        Assert.NotNull(page.Find("[data-testid=panel-table]"));
    }

    [Fact]
    public void A_judge_gets_the_overview_and_the_judging_tab_and_nothing_to_change()
    {
        var page = Render(Actor.Judge, Roles.Judge);

        Assert.Equal(["概况", "评审打分"], Tabs(page));
        Assert.Empty(page.FindAll("[data-testid=export-CompetitionScores], [data-testid=competition-edit], [data-testid^=phase-], [data-testid=panel-table]"));
    }

    [Fact]
    public void An_agency_gets_the_overview_and_its_entries()
    {
        var page = Render(Actor.Agency, Roles.AgencyUser);
        Assert.Equal(["概况", "参赛项目"], Tabs(page));
    }
}
