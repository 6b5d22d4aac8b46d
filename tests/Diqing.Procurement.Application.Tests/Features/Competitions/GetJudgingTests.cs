using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class GetJudgingTests(CompetitionStates states)
{
    [Fact]
    public async Task R19_before_declaring_a_judge_sees_the_competing_agencies_names_and_no_entry()
    {
        var s = await states.TrialAsync(State.Judging);
        var view = await s.As<GetJudgingHandler>(Actor.LateJudge).HandleAsync(s.CompetitionId);

        Assert.True(view.OnPanel);
        Assert.False(view.HasDeclared);
        Assert.Equal(["测试社会工作服务中心", "香格里拉市社会服务工作中心"], view.Agencies.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.Empty(view.Entries);
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task A_judge_who_declared_but_has_no_assignment_yet_is_told_the_organiser_still_has_to_assign()
    {
        var s = await states.TrialAsync(State.Judging);
        await s.DeclareAsync(s.Judges[2]);
        var waiting = await s.As<GetJudgingHandler>(Actor.LateJudge).HandleAsync(s.CompetitionId);
        Assert.True(waiting.AwaitingAssignment);
        Assert.Empty(waiting.Entries);

        await s.Organizer<AssignJudgesHandler>().HandleAsync(s.CompetitionId);
        var assigned = await s.As<GetJudgingHandler>(Actor.LateJudge).HandleAsync(s.CompetitionId);
        Assert.False(assigned.AwaitingAssignment);
        Assert.Equal([s.EntryA, s.EntryB], assigned.Entries.Select(e => e.Id));
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task A_judge_sees_the_assigned_entries_with_their_sheets_and_an_outsider_nothing()
    {
        var s = await states.TrialAsync(State.Judging);
        var view = await s.As<GetJudgingHandler>(Actor.Judge).HandleAsync(s.CompetitionId);
        Assert.Equal([(s.EntryA, true), (s.EntryB, false)], view.Entries.Select(e => (e.Id, e.Sheet.Locked)));
        Assert.Equal(15m, view.Entries[1].Sheet.Total);
        Assert.Equal([s.Deqin], (await s.As<GetJudgingHandler>(Actor.ConflictedJudge).HandleAsync(s.CompetitionId)).DeclaredAgencyIds);

        var outsider = await s.As<GetJudgingHandler>(Actor.OutsideJudge).HandleAsync(s.CompetitionId);
        Assert.False(outsider.OnPanel);
        Assert.Empty(outsider.Agencies);
        await s.App.DisposeAsync();
    }
}
