using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class GetCoverageTests(CompetitionStates states)
{
    [Fact]
    public async Task Coverage_counts_assigned_judges_and_submitted_sheets_per_entry_with_the_agency()
    {
        var s = await states.TrialAsync(State.Judging);
        var coverage = await s.Organizer<GetCoverageHandler>().HandleAsync(s.CompetitionId);

        Assert.Equal(3, coverage.JudgesPerEntry);
        Assert.Equal([("测试社会工作服务中心", 1, 1, true), ("香格里拉市社会服务工作中心", 2, 1, true)],
            coverage.Rows.Select(r => (r.AgencyName, r.AssignedJudges, r.SubmittedSheets, r.UnderCovered)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.As<GetCoverageHandler>(Actor.Judge).HandleAsync(s.CompetitionId));
        await s.App.DisposeAsync();
    }
}
