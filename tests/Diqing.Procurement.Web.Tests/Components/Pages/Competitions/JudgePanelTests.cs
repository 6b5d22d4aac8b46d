using Bunit;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Competitions.Components;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

/// <summary>Choosing the panel, over a real SQLite database.</summary>
public sealed class JudgePanelTests : CompetitionComponentTest
{

    protected override async Task PrepareAsync(CompetitionScenario scenario)
    {
        await scenario.OpenWithEntriesAsync();
        await scenario.Organizer<CompetitionTransitions>().StartJudgingAsync(scenario.CompetitionId);
    }

    internal static void Check<T>(IRenderedComponent<T> component, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        component.Find($"[data-testid={testId}] input[type=checkbox], input[type=checkbox][data-testid={testId}]").Change(true);

    internal static void Uncheck<T>(IRenderedComponent<T> component, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        component.Find($"[data-testid={testId}] input[type=checkbox], input[type=checkbox][data-testid={testId}]").Change(false);

    [Fact]
    public async Task The_officer_sees_who_has_declared_and_chooses_the_panel_from_the_judge_accounts()
    {
        await Scenario.DeclareAsync(Scenario.Judges[0], Scenario.Deqin);
        var late = await Scenario.App.AddUserAsync("j4", Roles.Judge);
        await Scenario.App.AddUserAsync("someone", Roles.FinanceOfficer);
        SignIn(Roles.ProcurementOfficer);
        Context.Services.AddSingleton(Scenario.Organizer<ListJudgeCandidatesHandler>());
        Context.Services.AddSingleton(Scenario.Organizer<ChooseJudgePanelHandler>());
        var view = await Scenario.ViewAsync();
        RenderProviders();
        var panel = Context.Render<JudgePanel>(p => p.Add(c => c.CompetitionId, view.Id).Add(c => c.Members, view.Panel!).Add(c => c.CanChoose, view.Actions.CanChoosePanel));

        Assert.Contains("已声明", panel.Find("[data-testid=declaration-j1]").TextContent);
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
        var saved = (await Scenario.ViewAsync()).Panel!;
        Assert.Equal(new[] { "j1", "j2", "j4" }, saved.Select(m => m.UserName));
        Assert.Contains(saved, m => m.Id == late.Id);
    }
}
