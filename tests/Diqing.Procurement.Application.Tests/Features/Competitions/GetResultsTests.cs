using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class GetResultsTests(CompetitionStates states)
{
    [Fact]
    public async Task While_judging_the_bureau_sees_a_provisional_ranking_and_judges_and_agencies_none()
    {
        var s = await states.TrialAsync(State.Judging);
        var results = await s.As<GetResultsHandler>(Actor.Auditor).HandleAsync(s.CompetitionId);
        Assert.True(results.Provisional);
        Assert.Equal([s.EntryA, s.EntryB], results.Rows.Select(r => r.EntryId));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.As<GetResultsHandler>(Actor.Judge).HandleAsync(s.CompetitionId));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.As<GetResultsHandler>(Actor.Agency).HandleAsync(s.CompetitionId));
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task Published_results_show_each_entrys_sheets_and_the_early_publications_reason()
    {
        var s = await states.TrialAsync(State.Published);
        var results = await s.As<GetResultsHandler>(Actor.Judge).HandleAsync(s.CompetitionId);

        Assert.False(results.Provisional);
        Assert.Equal(CompetitionStates.EarlyReason, results.EarlyPublicationReason);
        Assert.Equal([(s.EntryA, 1, 90m, 1, 1, true), (s.EntryB, 2, 80m, 1, 2, true)],
            results.Rows.Select(r => (r.EntryId, r.Rank, r.FinalScore, r.SheetCount, r.AssignedJudges, r.SingleJudge)));
        Assert.All(results.Rows, r => Assert.False(r.CanAward || r.CanSkip));
        Assert.Equal([s.EntryB], (await s.As<GetResultsHandler>(Actor.OtherAgency).HandleAsync(s.CompetitionId)).Rows.Select(r => r.EntryId));
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task R21_each_final_score_is_the_mean_of_the_sheets_it_rests_on()
    {
        var s = await states.TrialAsync(State.JudgingComplete);
        var results = await s.Organizer<GetResultsHandler>().HandleAsync(s.CompetitionId);
        Assert.Equal([(s.EntryA, 2, 87.5m), (s.EntryB, 3, 75m)], results.Rows.Select(r => (r.EntryId, r.SheetCount, r.FinalScore))); // (90 + 85) / 2; (70 + 80 + 75) / 3
        Assert.All(results.Rows, r => Assert.False(r.SingleJudge));
        await s.App.DisposeAsync();
    }
}
