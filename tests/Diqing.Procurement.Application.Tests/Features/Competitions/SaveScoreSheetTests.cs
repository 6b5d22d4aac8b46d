using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class SaveScoreSheetTests(CompetitionStates states)
{
    internal static readonly Actor[] Judges = [Actor.Judge, Actor.ConflictedJudge, Actor.LateJudge, Actor.Officer];

    internal static async Task<bool> SheetCanEditAsync(CompetitionScenario s, Actor actor, int entryId) =>
        (await s.As<GetJudgingHandler>(actor).HandleAsync(s.CompetitionId)).Entries.SingleOrDefault(e => e.Id == entryId)?.Sheet.CanEdit == true;

    internal static async Task<SaveScoreSheetCommand> FullSheetAsync(CompetitionScenario s, int entryId) =>
        new(entryId, (await s.ViewAsync()).Criteria.Select(c => new CriterionScore(c.Id, c.MaxPoints / 2, null)).ToList());

    [Fact]
    public Task A_sheets_CanEdit_is_true_exactly_when_saving_succeeds() => states.AssertFlagAgreesAsync(CompetitionStates.All, Judges,
        (s, a) => SheetCanEditAsync(s, a, s.EntryB),
        async (s, a) => await s.As<SaveScoreSheetHandler>(a).HandleAsync(await FullSheetAsync(s, s.EntryB)));

    [Fact]
    public async Task R20_points_above_the_maximum_are_refused_with_the_maximum_written_plainly()
    {
        var s = await states.TrialAsync(State.Judging);
        var need = (await s.ViewAsync()).Criteria[0];
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            s.As<SaveScoreSheetHandler>(Actor.Judge).HandleAsync(new SaveScoreSheetCommand(s.EntryB, [new CriterionScore(need.Id, 21m, null)])));

        Assert.Equal("Sheet.PointsOutOfRange", refused.Code);
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("“需求”的得分须在 0 至 20 分之间。", Messages.Get(refused.Code, [.. refused.Arguments]));
        }

        Assert.Equal(15m, (await s.As<GetScoreSheetHandler>(Actor.Judge).HandleAsync(s.EntryB)).Lines[0].Points);
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task R20_a_submitted_sheet_is_locked()
    {
        var s = await states.TrialAsync(State.Judging);
        Assert.Equal("Sheet.Locked", (await Assert.ThrowsAsync<DomainException>(async () =>
            await s.As<SaveScoreSheetHandler>(Actor.Judge).HandleAsync(await FullSheetAsync(s, s.EntryA)))).Code);
        await s.App.DisposeAsync();
    }
}
