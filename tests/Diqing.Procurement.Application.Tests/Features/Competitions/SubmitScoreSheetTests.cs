using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class SubmitScoreSheetTests(CompetitionStates states)
{
    [Fact]
    public Task A_sheets_CanEdit_is_true_exactly_when_submitting_a_complete_sheet_succeeds() => states.AssertFlagAgreesAsync(CompetitionStates.All,
        SaveScoreSheetTests.Judges,
        (s, a) => SaveScoreSheetTests.SheetCanEditAsync(s, a, s.EntryB),
        async (s, a) => await s.As<SubmitScoreSheetHandler>(a).HandleAsync(await SaveScoreSheetTests.FullSheetAsync(s, s.EntryB)));

    [Fact]
    public async Task Submitting_saves_the_points_on_screen_and_locks_the_sheet_while_an_incomplete_one_is_refused_whole()
    {
        var s = await states.TrialAsync(State.Judging);
        var full = await SaveScoreSheetTests.FullSheetAsync(s, s.EntryB);
        Assert.Equal("Sheet.Incomplete", (await Assert.ThrowsAsync<DomainException>(() =>
            s.As<SubmitScoreSheetHandler>(Actor.Judge).HandleAsync(full with { Scores = full.Scores.Take(5).ToList() }))).Code);
        Assert.Equal(15m, (await s.As<GetScoreSheetHandler>(Actor.Judge).HandleAsync(s.EntryB)).Total); // nothing of the refused submission was saved

        await s.As<SubmitScoreSheetHandler>(Actor.Judge).HandleAsync(full);
        var sheet = await s.As<GetScoreSheetHandler>(Actor.Judge).HandleAsync(s.EntryB);
        Assert.Equal((true, false, 50m), (sheet.Locked, sheet.CanEdit, sheet.Total));
        await s.App.DisposeAsync();
    }
}
