using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class GetScoreSheetTests(CompetitionStates states)
{
    [Fact]
    public async Task The_sheet_carries_each_criterions_description_maximum_and_the_judges_points()
    {
        var s = await states.TrialAsync(State.Judging);
        var sheet = await s.As<GetScoreSheetHandler>(Actor.Judge).HandleAsync(s.EntryB);

        Assert.Equal(("需求", "需求是否真实迫切", 20m, (decimal?)15m), (sheet.Lines[0].Name, sheet.Lines[0].Description, sheet.Lines[0].MaxPoints, sheet.Lines[0].Points));
        Assert.Null(sheet.Lines[1].Points);
        Assert.True(sheet.Lines[0].Accepts(20m));
        Assert.False(sheet.Lines[0].Accepts(20.5m));
        Assert.True(sheet.Lines[0].Accepts(null));
        Assert.True(sheet.CanEdit);
        await Assert.ThrowsAsync<NotFoundException>(() => s.As<GetScoreSheetHandler>(Actor.ConflictedJudge).HandleAsync(s.EntryA));
        await s.App.DisposeAsync();
    }
}
