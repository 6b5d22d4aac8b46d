using Bunit;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Competitions.Components;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

/// <summary>Choosing the panel and declaring conflicts, over a real SQLite database.</summary>
public sealed class JudgePanelTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;
    private CompetitionScenario _scenario = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _scenario = new CompetitionScenario(_app);
        await _scenario.OpenWithEntriesAsync();
        Context.Services.AddScoped<UserFeedback>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    internal static void Check<T>(IRenderedComponent<T> component, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        component.Find($"[data-testid={testId}] input[type=checkbox], input[type=checkbox][data-testid={testId}]").Change(true);

    internal static void Uncheck<T>(IRenderedComponent<T> component, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        component.Find($"[data-testid={testId}] input[type=checkbox], input[type=checkbox][data-testid={testId}]").Change(false);

    /// <summary>The text of a check box's label: the test id may land on the input itself.</summary>
    private static string LabelOf<T>(IRenderedComponent<T> component, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        component.Find($"[data-testid={testId}]").Closest("label")?.TextContent ?? component.Find($"[data-testid={testId}]").TextContent;

    [Fact]
    public async Task The_officer_sees_who_has_declared_and_chooses_the_panel_from_the_judge_accounts()
    {
        await _scenario.AsJudge<JudgingHandler>(_scenario.Judges[0]).DeclareConflictsAsync(_scenario.CompetitionId, [_scenario.Deqin]);
        var late = await _app.AddUserAsync("j4", Roles.Judge);
        await _app.AddUserAsync("someone", Roles.FinanceOfficer);
        SignIn(Roles.ProcurementOfficer);
        Context.Services.AddSingleton(_scenario.Organizer<JudgePanelHandler>());
        Context.Services.AddSingleton(_scenario.Organizer<CompetitionSetupHandler>());
        var competition = await _scenario.CompetitionAsync();
        Context.Render<MudBlazor.MudPopoverProvider>();
        var panel = Context.Render<JudgePanel>(p => p.Add(c => c.Competition, competition).Add(c => c.CanOrganize, true));

        panel.WaitForAssertion(() => Assert.Contains("已声明", panel.Find("[data-testid=declaration-j1]").TextContent));
        Assert.Contains("尚未声明", panel.Find("[data-testid=declaration-j2]").TextContent);
        Assert.Contains("尚未声明", panel.Find("[data-testid=declaration-j3]").TextContent);

        panel.Find("[data-testid=panel-edit]").Click();
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=panel-editor]")));
        Assert.Contains("j4", panel.Find("[data-testid=panel-editor]").TextContent);
        Assert.DoesNotContain("someone", panel.Find("[data-testid=panel-editor]").TextContent);
        Check(panel, "panel-judge-j4");
        Uncheck(panel, "panel-judge-j3");
        panel.Find("[data-testid=panel-save]").Click();

        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=panel-editor]")));
        var saved = await _scenario.CompetitionAsync();
        Assert.Equal(new[] { _scenario.Judges[0].Id, _scenario.Judges[1].Id, late.Id }.Order(), saved.JudgeIds.Order());
    }

    [Fact]
    public async Task A_panel_judge_declares_a_conflict_against_a_named_agency_and_is_then_assigned_only_the_other_entry()
    {
        await _scenario.Organizer<CompetitionSetupHandler>().StartJudgingAsync(_scenario.CompetitionId);
        var judge = _scenario.Judges[0];
        SignIn(Roles.Judge);
        Context.Services.AddSingleton(_scenario.AsJudge<JudgePanelHandler>(judge));
        Context.Services.AddSingleton(_scenario.AsJudge<JudgingHandler>(judge));
        Context.Services.AddSingleton(_scenario.AsJudge<EntriesHandler>(judge));
        var competition = await _scenario.CompetitionAsync();
        Context.Render<MudBlazor.MudPopoverProvider>();
        var tab = Context.Render<JudgingTab>(p => p.Add(c => c.Competition, competition));

        tab.WaitForAssertion(() => Assert.NotNull(tab.Find("[data-testid=conflict-declaration]")));
        Assert.Contains("测试社会工作服务中心", LabelOf(tab, $"conflict-{_scenario.Deqin}"));
        Assert.Contains("香格里拉市社会服务工作中心", LabelOf(tab, $"conflict-{_scenario.ShangriLa}"));
        Assert.DoesNotContain("老年康养", tab.Markup); // names only, not the entries
        Assert.Equal("声明无利益冲突", tab.Find("[data-testid=declare-submit]").TextContent.Trim());

        Check(tab, $"conflict-{_scenario.ShangriLa}");
        tab.WaitForAssertion(() => Assert.Equal("提交利益冲突声明", tab.Find("[data-testid=declare-submit]").TextContent.Trim()));
        tab.Find("[data-testid=declare-submit]").Click();

        tab.WaitForAssertion(() => Assert.Contains("香格里拉市社会服务工作中心", tab.Find("[data-testid=declared]").TextContent));
        Assert.NotNull(tab.Find("[data-testid=judging-none]"));
        Assert.Equal([_scenario.ShangriLa], (await _scenario.AsJudge<JudgePanelHandler>(judge).ConflictChoicesAsync(_scenario.CompetitionId)).DeclaredAgencyIds);

        await _scenario.Organizer<JudgingHandler>().AssignAsync(_scenario.CompetitionId);
        var after = Context.Render<JudgingTab>(p => p.Add(c => c.Competition, competition));
        after.WaitForAssertion(() => Assert.Equal(["独居老人互助"], after.FindAll("[data-testid=judging-entry-title]").Select(e => e.TextContent.Trim())));
    }

    [Fact]
    public async Task A_judge_not_on_the_panel_sees_neither_agencies_nor_entries()
    {
        await _scenario.Organizer<CompetitionSetupHandler>().StartJudgingAsync(_scenario.CompetitionId);
        var outsider = await _app.AddUserAsync("j9", Roles.Judge);
        SignIn(Roles.Judge);
        Context.Services.AddSingleton(_scenario.AsJudge<JudgePanelHandler>(outsider));
        Context.Services.AddSingleton(_scenario.AsJudge<JudgingHandler>(outsider));
        Context.Services.AddSingleton(_scenario.AsJudge<EntriesHandler>(outsider));
        var competition = await _scenario.CompetitionAsync();
        Context.Render<MudBlazor.MudPopoverProvider>();
        var tab = Context.Render<JudgingTab>(p => p.Add(c => c.Competition, competition));

        tab.WaitForAssertion(() => Assert.NotNull(tab.Find("[data-testid=judging-not-on-panel]")));
        Assert.Empty(tab.FindAll("[data-testid^=conflict-], [data-testid=declare-submit], [data-testid=judging-entry]"));
        Assert.DoesNotContain("香格里拉市社会服务工作中心", tab.Markup);
    }
}
