using Bunit;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Competitions.Components;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

/// <summary>The competition tabs over a real SQLite database, driven by the application handlers.</summary>
public sealed class CompetitionTabsTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;
    private CompetitionScenario _scenario = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _scenario = new CompetitionScenario(_app);
        await _scenario.InJudgingAsync();
        Context.Services.AddScoped<UserFeedback>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Results_show_the_handlers_ranks_with_final_scores_rounded_to_two_decimals()
    {
        // Entry A: totals 90, 80 and 81 → 83.666…; entry B: 70 from each judge.
        await _scenario.ScoreAsync(_scenario.Judges[0], _scenario.EntryA, 0.9m);
        await _scenario.ScoreAsync(_scenario.Judges[1], _scenario.EntryA, 0.8m);
        await _scenario.ScoreAsync(_scenario.Judges[2], _scenario.EntryA, 0.81m);
        foreach (var judge in _scenario.Judges)
        {
            await _scenario.ScoreAsync(judge, _scenario.EntryB, 0.7m);
        }

        SignIn(Roles.ProcurementOfficer);
        Context.Services.AddSingleton(_scenario.Organizer<ResultsHandler>());
        var competition = await _scenario.CompetitionAsync();
        Context.Render<MudBlazor.MudPopoverProvider>();
        var tab = Context.Render<ResultsTab>(p => p.Add(c => c.Competition, competition).Add(c => c.CanOrganize, true));

        tab.WaitForAssertion(() => Assert.Equal(2, tab.FindAll("[data-testid=rank]").Count));
        var expected = (await _scenario.Organizer<ResultsHandler>().GetAsync(_scenario.CompetitionId)).Rows;
        Assert.Equal(expected.Select(r => r.Result.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            tab.FindAll("[data-testid=rank]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["83.67", "70.00"], tab.FindAll("[data-testid=final-score]").Select(e => e.TextContent.Trim()));
        Assert.Equal(_scenario.EntryA, expected[0].Result.EntryId);
        Assert.Contains("10.00", tab.FindAll("[data-testid=spread]")[0].TextContent);
        Assert.Empty(tab.FindAll("[data-testid=award-next]")); // awards only after publication
    }

    [Fact]
    public async Task The_score_sheet_refuses_points_above_the_criterions_maximum()
    {
        var judge = _scenario.Judges[0];
        var competition = await _scenario.CompetitionAsync();
        var need = competition.Criteria.OrderBy(c => c.Order).First();
        SignIn(Roles.Judge);
        Context.Services.AddSingleton(_scenario.AsJudge<JudgingHandler>(judge));
        Context.Render<MudBlazor.MudPopoverProvider>();
        var form = Context.Render<ScoreSheetForm>(p => p.Add(c => c.Criteria, competition.Criteria).Add(c => c.EntryId, _scenario.EntryA));

        form.WaitForAssertion(() => Assert.NotNull(form.Find($"[data-testid=criterion-{need.Id}] input")));
        form.Find($"[data-testid=criterion-{need.Id}] input").Input("21");
        form.Find("[data-testid=sheet-save]").Click();

        form.WaitForAssertion(() => Assert.Equal(Messages.Get("Sheet.PointsOutOfRange", need.Name, need.MaxPoints),
            form.Find("[data-testid=sheet-error]").TextContent.Trim()));
        var sheet = await _scenario.AsJudge<JudgingHandler>(judge).OpenSheetAsync(_scenario.EntryA);
        Assert.Empty(sheet.Scores);
        Assert.Equal(ScoreSheetStatus.Draft, sheet.Status);
    }
}
