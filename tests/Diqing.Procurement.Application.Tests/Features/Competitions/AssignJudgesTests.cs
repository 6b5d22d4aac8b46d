using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class AssignJudgesTests(CompetitionStates states)
{
    [Fact]
    public Task CanAssign_is_true_exactly_when_assigning_succeeds() => states.AssertFlagAgreesAsync(CompetitionStates.All,
        [Actor.Administrator, Actor.Officer, Actor.Finance, Actor.Auditor, Actor.Judge],
        async (s, a) => (await s.As<GetCoverageHandler>(a).HandleAsync(s.CompetitionId)).CanAssign,
        (s, a) => s.As<AssignJudgesHandler>(a).HandleAsync(s.CompetitionId));

    [Fact]
    public async Task R19_a_late_declaration_is_assigned_on_the_next_run_and_never_against_a_conflict()
    {
        var s = await states.TrialAsync(State.Judging);
        await s.DeclareAsync(s.Judges[2]);
        var coverage = await s.Organizer<AssignJudgesHandler>().HandleAsync(s.CompetitionId);

        Assert.Equal([(s.EntryA, 2, true), (s.EntryB, 3, false)], coverage.Rows.Select(r => (r.EntryId, r.AssignedJudges, r.UnderCovered)));
        Assert.DoesNotContain((await s.As<GetJudgingHandler>(Actor.ConflictedJudge).HandleAsync(s.CompetitionId)).Entries, e => e.Id == s.EntryA);
        await s.App.DisposeAsync();
    }
}
