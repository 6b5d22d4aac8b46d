using Bunit;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Competitions.Components;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

/// <summary>The overview's phase buttons and panel controls follow the view's flags, and publishing confirms in a dialog .</summary>
public sealed class CompetitionOverviewTests : CompetitionComponentTest
{

    protected override Task PrepareAsync(CompetitionScenario scenario) => Task.CompletedTask;

    private void Services()
    {
        SignIn(Roles.ProcurementOfficer);
        Context.Services.AddSingleton(Scenario.Organizer<CompetitionTransitions>());
        Context.Services.AddSingleton(Scenario.Organizer<ListJudgeCandidatesHandler>());
        Context.Services.AddSingleton(Scenario.Organizer<ChooseJudgePanelHandler>());
        RenderProviders();
    }

    private static CompetitionView View(CompetitionPhase phase, IReadOnlyList<PanelMember>? panel, params CompetitionAction[] allowed) => new(
        1, "测试大赛", 2026, "主题", 100_000m, 50_000m, [TargetGroup.Elderly], DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow, phase, 3, false,
        [new CriterionView(1, "需求", "需求是否真实迫切", 100m)], new CompetitionActions(allowed.ToHashSet()), panel, null);

    [Fact]
    public void The_phase_buttons_are_exactly_the_offered_steps_whatever_the_phase()
    {
        Services();

        // A draft, yet offered Close and Publish: the overview must follow the flags, not the phase.
        var offered = Context.Render<CompetitionOverview>(p => p.Add(c => c.View, View(CompetitionPhase.Draft, null,
            CompetitionAction.Close, CompetitionAction.Publish, CompetitionAction.Edit)));
        Assert.Equal(["phase-publish", "phase-close"], offered.FindAll("[data-testid^=phase-]").Select(b => b.GetAttribute("data-testid")));

        var none = Context.Render<CompetitionOverview>(p => p.Add(c => c.View, View(CompetitionPhase.Judging, null)));
        Assert.Empty(none.FindAll("[data-testid^=phase-], [data-testid=panel-table]"));
    }

    [Fact]
    public void The_panel_is_shown_when_the_view_carries_it_and_offered_for_choosing_only_when_allowed()
    {
        Services();
        PanelMember[] panel = [new("id-j1", "j1", "j1", DateTime.UtcNow, 0)];

        var readOnly = Context.Render<CompetitionOverview>(p => p.Add(c => c.View, View(CompetitionPhase.Draft, panel)));
        Assert.Contains("已声明", readOnly.Find("[data-testid=declaration-j1]").TextContent);
        Assert.Empty(readOnly.FindAll("[data-testid=panel-edit]"));

        var choosing = Context.Render<CompetitionOverview>(p => p.Add(c => c.View, View(CompetitionPhase.Closed, panel, CompetitionAction.ChoosePanel)));
        Assert.Single(choosing.FindAll("[data-testid=panel-edit]"));
    }

    [Fact]
    public async Task R28_R29_publishing_incomplete_judging_names_what_is_missing_is_refused_without_a_reason_and_goes_through_with_one()
    {
        await Scenario.OpenWithEntriesAsync();
        await Scenario.Organizer<CompetitionTransitions>().StartJudgingAsync(Scenario.CompetitionId);
        await Scenario.DeclareAsync(Scenario.Judges[0]);
        await Scenario.Organizer<AssignJudgesHandler>().HandleAsync(Scenario.CompetitionId);
        var view = await Scenario.ViewAsync();
        Services();
        var changed = 0;
        var overview = Context.Render<CompetitionOverview>(p => p.Add(c => c.View, view).Add(c => c.Changed, () => changed++));

        overview.Find("[data-testid=phase-publish]").Click();
        Dialogs.WaitForAssertion(() => Assert.NotNull(Dialogs.Find("[data-testid=publish-dialog]")));
        Assert.Contains("不可撤销", Dialogs.Find("[data-testid=publish-follows]").TextContent);
        var missing = Dialogs.Find("[data-testid=publish-missing]").TextContent;
        Assert.Contains("评委 j2 尚未申报利益冲突", missing);
        Assert.Contains("评委 j1 尚未提交“独居老人互助”的评分表", missing);
        Dialogs.Find("[data-testid=dialog-submit]").Click();

        Dialogs.WaitForAssertion(() => Assert.StartsWith("评审尚未完成，不能公布结果：评委 j2 尚未申报利益冲突", Dialogs.Find("[data-testid=dialog-error]").TextContent.Trim()));
        Assert.Equal(CompetitionPhase.Judging, (await Scenario.ViewAsync()).Phase);

        Dialogs.Find("[data-testid=publish-reason] textarea, textarea[data-testid=publish-reason]").Input("年度资金须在月底前下达");
        Dialogs.Find("[data-testid=dialog-submit]").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=publish-dialog]")));
        Assert.Equal(1, changed);
        var results = await Scenario.Organizer<GetResultsHandler>().HandleAsync(Scenario.CompetitionId);
        Assert.Equal("年度资金须在月底前下达", results.EarlyPublicationReason);
    }

    [Fact]
    public async Task R29_opening_and_starting_judging_each_say_what_follows_and_a_cancel_changes_nothing()
    {
        await Scenario.DraftAsync();
        var draft = await Scenario.ViewAsync();
        Services();
        var changed = 0;
        var overview = Context.Render<CompetitionOverview>(p => p.Add(c => c.View, draft).Add(c => c.Changed, () => changed++));

        overview.Find("[data-testid=phase-open]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("大赛不能退回草稿", Dialogs.Markup));
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "取消").Click();
        Dialogs.WaitForAssertion(() => Assert.DoesNotContain("大赛不能退回草稿", Dialogs.Markup));
        Assert.Equal((CompetitionPhase.Draft, 0), ((await Scenario.ViewAsync()).Phase, changed));

        overview.Find("[data-testid=phase-open]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("大赛不能退回草稿", Dialogs.Markup));
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "开放申报").Click();
        overview.WaitForAssertion(() => Assert.Equal(1, changed));
        Assert.Equal(CompetitionPhase.OpenForEntries, (await Scenario.ViewAsync()).Phase);

        var open = await Scenario.ViewAsync();
        overview.Render(p => p.Add(c => c.View, open));
        overview.Find("[data-testid=phase-judging]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("不再接受申报", Dialogs.Markup));
    }
}
