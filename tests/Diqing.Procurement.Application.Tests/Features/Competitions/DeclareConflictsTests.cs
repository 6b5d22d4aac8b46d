using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class DeclareConflictsTests(CompetitionStates states)
{
    private static readonly Actor[] Judges = [Actor.Judge, Actor.ConflictedJudge, Actor.LateJudge, Actor.OutsideJudge, Actor.Officer];

    [Fact]
    public Task CanDeclare_is_true_exactly_when_declaring_succeeds() => states.AssertFlagAgreesAsync(CompetitionStates.All, Judges,
        async (s, a) => (await s.As<GetJudgingHandler>(a).HandleAsync(s.CompetitionId)).CanDeclare,
        (s, a) => s.As<DeclareConflictsHandler>(a).HandleAsync(new DeclareConflictsCommand(s.CompetitionId, [])));

    [Fact]
    public async Task A_conflict_with_an_agency_that_has_no_submitted_entry_is_refused_and_nothing_is_declared()
    {
        var s = await states.TrialAsync(State.Judging);
        var stranger = await s.App.AddAgencyAsync("迪庆州社会工作孵化服务中心", "52533400MJD000003R");

        var refused = await Assert.ThrowsAsync<DomainException>(() => s.DeclareAsync(s.Judges[2], s.Deqin, stranger));

        Assert.Equal("Judging.ConflictAgencyNotCompeting", refused.Code);
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("只能对本届大赛中已提交项目的机构申报利益冲突。", Messages.Get(refused.Code));
        }

        Assert.False((await s.As<GetJudgingHandler>(Actor.LateJudge).HandleAsync(s.CompetitionId)).HasDeclared);
        await s.DeclareAsync(s.Judges[2], s.Deqin, s.Deqin); // a repeated pick counts once
        Assert.Equal([s.Deqin], (await s.As<GetJudgingHandler>(Actor.LateJudge).HandleAsync(s.CompetitionId)).DeclaredAgencyIds);
        Assert.Equal("Judging.AlreadyDeclared", (await Assert.ThrowsAsync<DomainException>(() => s.DeclareAsync(s.Judges[2]))).Code);
        await s.App.DisposeAsync();
    }
}
