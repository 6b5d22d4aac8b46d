using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

/// <summary>The tabs and the export the page offers, each against the handler it would call.</summary>
[Collection(CompetitionStatesCollection.Name)]
public sealed class GetCompetitionTests(CompetitionStates states)
{
    private static readonly Actor[] Readers = [Actor.Administrator, Actor.Officer, Actor.Finance, Actor.Auditor, Actor.Agency, Actor.Judge, Actor.OutsideJudge];

    [Fact]
    public Task ShowEntries_is_true_exactly_when_the_entries_can_be_listed() => states.AssertFlagAgreesAsync(CompetitionStates.All, Readers,
        async (s, a) => (await s.ViewAsync(a)).Actions.ShowEntries, (s, a) => s.As<ListEntriesHandler>(a).HandleAsync(s.CompetitionId), readOnly: true);

    [Fact]
    public Task ShowJudging_is_true_exactly_when_the_judges_view_can_be_read() => states.AssertFlagAgreesAsync(CompetitionStates.All, Readers,
        async (s, a) => (await s.ViewAsync(a)).Actions.ShowJudging, (s, a) => s.As<GetJudgingHandler>(a).HandleAsync(s.CompetitionId), readOnly: true);

    [Fact]
    public Task ShowCoverage_is_true_exactly_when_the_coverage_can_be_read() => states.AssertFlagAgreesAsync(CompetitionStates.All, Readers,
        async (s, a) => (await s.ViewAsync(a)).Actions.ShowCoverage, (s, a) => s.As<GetCoverageHandler>(a).HandleAsync(s.CompetitionId), readOnly: true);

    [Fact]
    public Task ShowResults_is_true_exactly_when_the_results_can_be_read() => states.AssertFlagAgreesAsync(CompetitionStates.All, Readers,
        async (s, a) => (await s.ViewAsync(a)).Actions.ShowResults, (s, a) => s.As<GetResultsHandler>(a).HandleAsync(s.CompetitionId), readOnly: true);

    [Fact]
    public Task CanExportScores_is_true_exactly_when_the_score_sheet_exports() => states.AssertFlagAgreesAsync(CompetitionStates.All, Readers,
        async (s, a) => (await s.ViewAsync(a)).Actions.CanExportScores,
        (s, a) => s.As<WriteExportHandler>(a).HandleAsync(new CompetitionScoreLedgerRequest(s.CompetitionId), new MemoryStream()), readOnly: true);

    [Fact]
    public async Task A_draft_is_found_by_the_bureau_only()
    {
        var s = await states.TrialAsync(State.Draft);
        Assert.Equal(6, (await s.ViewAsync(Actor.Auditor)).Criteria.Count);
        await Assert.ThrowsAsync<NotFoundException>(() => s.ViewAsync(Actor.Agency));
        await Assert.ThrowsAsync<NotFoundException>(() => s.ViewAsync(Actor.Judge));
        await Assert.ThrowsAsync<NotFoundException>(() => s.As<GetCompetitionHandler>(Actor.Officer).HandleAsync(s.CompetitionId + 100));
        await s.App.DisposeAsync();
    }
}
