using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class GetEntryTests(CompetitionStates states)
{
    [Fact]
    public async Task An_entry_is_read_by_its_agency_and_the_bureau_and_not_found_for_another_agency()
    {
        var s = await states.TrialAsync(State.Open);
        var entry = await s.As<GetEntryHandler>(Actor.Agency).HandleAsync(s.EntryA);
        Assert.Equal(("独居老人互助", "测试社会工作服务中心", EntryStatus.Submitted, 90_000m, 90_000m),
            (entry.Title, entry.AgencyName, entry.Status, entry.RequestedAmount, entry.BudgetTotal));
        Assert.False(entry.CanChange);
        Assert.True((await s.As<GetEntryHandler>(Actor.Agency).HandleAsync(s.EntryC)).CanChange);
        Assert.False((await s.As<GetEntryHandler>(Actor.Officer).HandleAsync(s.EntryC)).CanChange);
        await Assert.ThrowsAsync<NotFoundException>(() => s.As<GetEntryHandler>(Actor.OtherAgency).HandleAsync(s.EntryA));
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task R19_a_judge_reads_an_assigned_entry_only_and_never_one_of_an_agency_it_declared()
    {
        var s = await states.TrialAsync(State.Judging);
        Assert.Equal("老年康养", (await s.As<GetEntryHandler>(Actor.ConflictedJudge).HandleAsync(s.EntryB)).Title);
        await Assert.ThrowsAsync<NotFoundException>(() => s.As<GetEntryHandler>(Actor.ConflictedJudge).HandleAsync(s.EntryA));
        await Assert.ThrowsAsync<NotFoundException>(() => s.As<GetEntryHandler>(Actor.LateJudge).HandleAsync(s.EntryA));
        await s.App.DisposeAsync();
    }
}
