using Bunit;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Competitions.Components;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

/// <summary>A judge's tab: declaring conflicts, waiting for an assignment, and the assigned entries.</summary>
public sealed class JudgingTabTests : CompetitionComponentTest
{

    protected override async Task PrepareAsync(CompetitionScenario scenario)
    {
        await scenario.OpenWithEntriesAsync();
        await scenario.Organizer<CompetitionTransitions>().StartJudgingAsync(scenario.CompetitionId);
    }

    /// <summary>The text of a check box's label: the test id may land on the input itself.</summary>
    private static string LabelOf<T>(IRenderedComponent<T> component, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        component.Find($"[data-testid={testId}]").Closest("label")?.TextContent ?? component.Find($"[data-testid={testId}]").TextContent;

    private IRenderedComponent<JudgingTab> Render(ApplicationUser judge)
    {
        SignIn(Roles.Judge);
        Context.Services.AddSingleton(Scenario.AsJudge<GetJudgingHandler>(judge));
        Context.Services.AddSingleton(Scenario.AsJudge<DeclareConflictsHandler>(judge));
        Context.Services.AddSingleton(Scenario.AsJudge<GetScoreSheetHandler>(judge));
        Context.Services.AddSingleton(Scenario.AsJudge<SaveScoreSheetHandler>(judge));
        Context.Services.AddSingleton(Scenario.AsJudge<SubmitScoreSheetHandler>(judge));
        RenderProviders();
        return Context.Render<JudgingTab>(p => p.Add(c => c.CompetitionId, Scenario.CompetitionId));
    }

    [Fact]
    public async Task A_panel_judge_declares_a_conflict_is_told_to_wait_for_the_organiser_and_is_then_assigned_only_the_other_entry()
    {
        var tab = Render(Scenario.Judges[0]);

        tab.WaitForAssertion(() => Assert.NotNull(tab.Find("[data-testid=conflict-declaration]")));
        Assert.Contains("测试社会工作服务中心", LabelOf(tab, $"conflict-{Scenario.Deqin}"));
        Assert.Contains("香格里拉市社会服务工作中心", LabelOf(tab, $"conflict-{Scenario.ShangriLa}"));
        Assert.DoesNotContain("老年康养", tab.Markup); // names only, not the entries
        Assert.Equal("声明无利益冲突", tab.Find("[data-testid=declare-submit]").TextContent.Trim());

        JudgePanelTests.Check(tab, $"conflict-{Scenario.ShangriLa}");
        tab.WaitForAssertion(() => Assert.Equal("提交利益冲突声明", tab.Find("[data-testid=declare-submit]").TextContent.Trim()));
        tab.Find("[data-testid=declare-submit]").Click();
        // declared once, for good: the dialog says so before anything is recorded.
        Dialogs.WaitForAssertion(() => Assert.Contains("利益冲突声明只能提交一次，提交后不能修改", Dialogs.Markup));
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "确定").Click();

        tab.WaitForAssertion(() => Assert.Contains("香格里拉市社会服务工作中心", tab.Find("[data-testid=declared]").TextContent));
        Assert.Contains("组织方尚未为您分配参赛项目", tab.Find("[data-testid=judging-awaiting-assignment]").TextContent);
        Assert.Empty(tab.FindAll("[data-testid=judging-none], [data-testid=judging-entry]"));

        await Scenario.Organizer<AssignJudgesHandler>().HandleAsync(Scenario.CompetitionId);
        var after = Context.Render<JudgingTab>(p => p.Add(c => c.CompetitionId, Scenario.CompetitionId));
        after.WaitForAssertion(() => Assert.Equal(["独居老人互助"], after.FindAll("[data-testid=judging-entry-title]").Select(e => e.TextContent.Trim())));
        Assert.Empty(after.FindAll("[data-testid=judging-awaiting-assignment]"));
    }

    [Fact]
    public void A_judge_not_on_the_panel_sees_neither_agencies_nor_entries()
    {
        var tab = Render(Scenario.Outsider);

        tab.WaitForAssertion(() => Assert.NotNull(tab.Find("[data-testid=judging-not-on-panel]")));
        Assert.Empty(tab.FindAll("[data-testid^=conflict-], [data-testid=declare-submit], [data-testid=judging-entry]"));
        Assert.DoesNotContain("香格里拉市社会服务工作中心", tab.Markup);
    }
}
