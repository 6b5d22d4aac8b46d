using Bunit;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Competitions.Components;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

/// <summary>A judge's score sheet over a real SQLite database .</summary>
public sealed class ScoreSheetFormTests : CompetitionComponentTest
{

    protected override async Task PrepareAsync(CompetitionScenario scenario)
    {
        await scenario.InJudgingAsync();
    }

    private async Task<IRenderedComponent<ScoreSheetForm>> RenderAsync()
    {
        var judge = Scenario.Judges[0];
        var sheet = (await Scenario.AsJudge<GetJudgingHandler>(judge).HandleAsync(Scenario.CompetitionId)).Entries.Single(e => e.Id == Scenario.EntryA).Sheet;
        SignIn(Roles.Judge);
        Context.Services.AddSingleton(Scenario.AsJudge<GetScoreSheetHandler>(judge));
        Context.Services.AddSingleton(Scenario.AsJudge<SaveScoreSheetHandler>(judge));
        Context.Services.AddSingleton(Scenario.AsJudge<SubmitScoreSheetHandler>(judge));
        RenderProviders();
        return Context.Render<ScoreSheetForm>(p => p.Add(c => c.Sheet, sheet).Add(c => c.EntryTitle, "独居老人互助"));
    }

    private static AngleSharp.Dom.IElement Points(IRenderedComponent<ScoreSheetForm> form, int row) =>
        form.FindAll("[data-testid=points] input, input[data-testid=points]")[row];

    [Fact]
    public async Task Maxima_show_as_whole_points_and_each_criterion_shows_its_description()
    {
        var form = await RenderAsync();
        Assert.Equal(["20", "25", "20", "15", "10", "10"], form.FindAll("[data-testid=criterion-max]").Select(e => e.TextContent.Trim()));
        Assert.Equal("需求是否真实迫切", form.Find("[data-testid=criterion-description]").TextContent.Trim());
    }

    [Fact]
    public async Task Points_above_the_maximum_are_highlighted_as_typed_and_refused_by_the_server_with_the_same_message()
    {
        var form = await RenderAsync();
        var expected = Messages.Get("Sheet.PointsOutOfRange", "需求", 20m);
        Assert.Equal("“需求”的得分须在 0 至 20 分之间。", expected);

        Points(form, 0).Input("21");
        form.WaitForAssertion(() => Assert.Contains(expected, form.Markup));
        Assert.Contains("mud-input-error", form.Markup);
        form.Find("[data-testid=sheet-save]").Click();

        form.WaitForAssertion(() => Assert.Equal(expected, form.Find("[data-testid=sheet-error]").TextContent.Trim()));
        var sheet = await Scenario.AsJudge<GetScoreSheetHandler>(Scenario.Judges[0]).HandleAsync(Scenario.EntryA);
        Assert.All(sheet.Lines, l => Assert.Null(l.Points));

        Points(form, 0).Input("20");
        form.WaitForAssertion(() => Assert.DoesNotContain("mud-input-error", form.Markup));
    }

    [Fact]
    public async Task R29_submitting_asks_for_confirmation_naming_the_lock_and_only_a_confirmed_submission_locks_the_sheet()
    {
        var form = await RenderAsync();
        string[] points = ["18", "21", "17", "12", "8", "9"];
        for (var i = 0; i < points.Length; i++)
        {
            Points(form, i).Input(points[i]);
        }

        form.WaitForAssertion(() => Assert.Equal("85", form.Find("[data-testid=sheet-total]").TextContent.Trim()));
        form.Find("[data-testid=sheet-submit]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("提交后，“独居老人互助”的评分表（总分 85）将被锁定", Dialogs.Markup));
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "取消").Click();
        Dialogs.WaitForAssertion(() => Assert.DoesNotContain("将被锁定", Dialogs.Markup));
        Assert.False((await Scenario.AsJudge<GetScoreSheetHandler>(Scenario.Judges[0]).HandleAsync(Scenario.EntryA)).Locked);

        form.Find("[data-testid=sheet-submit]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("将被锁定", Dialogs.Markup));
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "提交评分").Click();

        form.WaitForAssertion(() => Assert.Equal("已提交（已锁定）", form.Find("[data-testid=sheet-status]").TextContent.Trim()));
        Assert.Empty(form.FindAll("[data-testid=sheet-submit], [data-testid=sheet-save]"));
        var sheet = await Scenario.AsJudge<GetScoreSheetHandler>(Scenario.Judges[0]).HandleAsync(Scenario.EntryA);
        Assert.Equal((true, 85m), (sheet.Locked, sheet.Total));
    }
}
