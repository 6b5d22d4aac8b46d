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

/// <summary>The agency's entries tab: its buttons follow the list's flags (phase, window, own draft), and the dialog edits the command.</summary>
public sealed class EntriesTabTests : CompetitionComponentTest
{

    protected override async Task PrepareAsync(CompetitionScenario scenario)
    {
        await scenario.OpenWithEntriesAsync();
    }

    private IRenderedComponent<EntriesTab> Render(Actor actor)
    {
        SignIn(Roles.AgencyUser);
        Context.Services.AddSingleton(Scenario.As<ListEntriesHandler>(actor));
        Context.Services.AddSingleton(Scenario.As<EditEntryHandler>(actor));
        Context.Services.AddSingleton(Scenario.As<SaveEntryHandler>(actor));
        Context.Services.AddSingleton(Scenario.As<SubmitEntryHandler>(actor));
        RenderProviders();
        var tab = Context.Render<EntriesTab>(p => p.Add(c => c.CompetitionId, Scenario.CompetitionId));
        tab.WaitForAssertion(() => Assert.NotNull(tab.Find("[data-testid=entries-table]")));
        return tab;
    }

    [Fact]
    public async Task Edit_and_submit_are_offered_on_the_own_draft_only_and_nothing_once_the_window_has_closed()
    {
        var draft = await Scenario.SaveEntryAsync(Actor.Agency, "困境儿童陪伴", 50_000m);
        var tab = Render(Actor.Agency);
        tab.WaitForAssertion(() => Assert.Equal(2, tab.FindAll("[data-testid=entry-agency]").Count));
        Assert.Single(tab.FindAll("[data-testid=entry-create]"));
        Assert.Null(tab.Find($"[data-testid=entry-row-{Scenario.EntryA}]").ParentElement!.QuerySelector("[data-testid=entry-edit], [data-testid=entry-submit]"));
        Assert.NotNull(tab.Find($"[data-testid=entry-row-{draft}]").ParentElement!.QuerySelector("[data-testid=entry-edit]"));
        Assert.NotNull(tab.Find($"[data-testid=entry-row-{draft}]").ParentElement!.QuerySelector("[data-testid=entry-submit]"));

        Scenario.Clock.UtcNow = Scenario.SubmissionClosesAtUtc;
        var closed = Context.Render<EntriesTab>(p => p.Add(c => c.CompetitionId, Scenario.CompetitionId));
        closed.WaitForAssertion(() => Assert.Equal(2, closed.FindAll("[data-testid=entry-agency]").Count));
        Assert.Empty(closed.FindAll("[data-testid=entry-create], [data-testid=entry-edit], [data-testid=entry-submit]"));
    }

    [Fact]
    public async Task R29_submitting_an_entry_says_it_can_no_longer_be_edited_and_only_a_confirmation_submits_it()
    {
        var draft = await Scenario.SaveEntryAsync(Actor.Agency, "困境儿童陪伴", 50_000m);
        var tab = Render(Actor.Agency);
        var submit = () => tab.Find($"[data-testid=entry-row-{draft}]").ParentElement!.QuerySelector("[data-testid=entry-submit]")!;
        tab.WaitForAssertion(() => Assert.NotNull(submit()));

        submit().Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("提交后，参赛项目进入评审，不能再修改或撤回。", Dialogs.Markup));
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "取消").Click();
        Dialogs.WaitForAssertion(() => Assert.DoesNotContain("不能再修改或撤回", Dialogs.Markup));
        Assert.NotNull(submit());

        submit().Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("不能再修改或撤回", Dialogs.Markup));
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "提交申报").Click();
        tab.WaitForAssertion(() => Assert.Null(tab.Find($"[data-testid=entry-row-{draft}]").ParentElement!.QuerySelector("[data-testid=entry-submit]")));
    }

    [Fact]
    public async Task An_agency_writes_an_entry_in_the_dialog_with_a_live_budget_total_and_sees_it_listed_with_its_agency()
    {
        var tab = Render(Actor.Agency);
        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("[data-testid=entry-agency]")));
        Assert.Equal("测试社会工作服务中心", tab.Find("[data-testid=entry-agency]").TextContent.Trim());

        tab.Find("[data-testid=entry-create]").Click();
        Dialogs.WaitForAssertion(() => Assert.NotNull(Dialogs.Find("[data-testid=entry-dialog]")));
        Field(Dialogs, "entry-title-input").Change("高原老人健康守护");
        JudgePanelTests.Check(Dialogs, $"group-{TargetGroup.Elderly}");
        Field(Dialogs, "entry-problem").Change("独居老人慢病管理缺位");
        Field(Dialogs, "entry-plan").Change("每月入户随访");
        Field(Dialogs, "entry-outcomes").Change("随访 80 名老人");
        Field(Dialogs, "entry-amount").Input("60000");
        Field(Dialogs, "budget-item").Change("人员");
        Field(Dialogs, "budget-amount").Input("50000");
        Dialogs.WaitForAssertion(() => Assert.Contains("50,000.00", Dialogs.Find("[data-testid=budget-total]").TextContent));
        Dialogs.Find("[data-testid=budget-add]").Click();
        Dialogs.WaitForAssertion(() => Assert.Equal(2, Dialogs.FindAll("[data-testid=budget-line]").Count));
        Dialogs.FindAll("[data-testid=budget-line]")[1].QuerySelector("[data-testid=budget-item] input, input[data-testid=budget-item]")!.Change("活动");
        Dialogs.FindAll("[data-testid=budget-line]")[1].QuerySelector("[data-testid=budget-amount] input, input[data-testid=budget-amount]")!.Input("10000");
        Dialogs.WaitForAssertion(() => Assert.Contains("60,000.00", Dialogs.Find("[data-testid=budget-total]").TextContent));
        Dialogs.Find("[data-testid=dialog-submit]").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=entry-dialog]")));
        tab.WaitForAssertion(() => Assert.Equal(2, tab.FindAll("[data-testid=entry-agency]").Count));
        var saved = (await Scenario.As<ListEntriesHandler>(Actor.Agency).HandleAsync(Scenario.CompetitionId)).Rows.Single(e => e.Title == "高原老人健康守护");
        Assert.Equal((EntryStatus.Draft, 60_000m, true), (saved.Status, saved.RequestedAmount, saved.CanSubmit));
        var form = await Scenario.As<EditEntryHandler>(Actor.Agency).HandleAsync(Scenario.CompetitionId, saved.Id);
        Assert.Equal("每月入户随访", form.Command.Plan);
        Assert.Equal([TargetGroup.Elderly], form.Command.TargetGroups);
        Assert.Equal([("人员", 50_000m), ("活动", 10_000m)], form.Command.BudgetLines.Select(l => (l.Item, l.Amount)));
    }
}
