using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class SubmitEntryTests(CompetitionStates states)
{
    [Fact]
    public async Task R18_an_entry_above_the_cap_is_refused_and_one_inside_is_submitted_at_the_clocks_time()
    {
        var s = await states.TrialAsync(State.Open);
        var form = await s.As<EditEntryHandler>(Actor.Agency).HandleAsync(s.CompetitionId, s.EntryC);
        form.Command.RequestedAmount = 100_000.01m;
        form.Command.BudgetLines = [new() { Item = "人员", Amount = 100_000.01m }];
        await s.As<SaveEntryHandler>(Actor.Agency).HandleAsync(form.Command);
        Assert.Equal("Entry.AboveCap", (await Assert.ThrowsAsync<DomainException>(() => s.As<SubmitEntryHandler>(Actor.Agency).HandleAsync(s.EntryC))).Code);

        form.Command.RequestedAmount = 100_000m;
        form.Command.BudgetLines = [new() { Item = "人员", Amount = 100_000m }];
        await s.As<SaveEntryHandler>(Actor.Agency).HandleAsync(form.Command);
        await s.As<SubmitEntryHandler>(Actor.Agency).HandleAsync(s.EntryC);
        var entry = await s.As<GetEntryHandler>(Actor.Agency).HandleAsync(s.EntryC);
        Assert.Equal((EntryStatus.Submitted, (DateTime?)s.Clock.UtcNow), (entry.Status, entry.SubmittedAtUtc));
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task A_suspended_agency_cannot_submit_and_another_agency_finds_nothing()
    {
        var s = await states.TrialAsync(State.Open);
        await Assert.ThrowsAsync<NotFoundException>(() => s.As<SubmitEntryHandler>(Actor.OtherAgency).HandleAsync(s.EntryC));
        await s.Organizer<ChangeAgencyStatusHandler>().SuspendAsync(s.Deqin);
        Assert.Equal("Agency.Suspended", (await Assert.ThrowsAsync<DomainException>(() => s.As<SubmitEntryHandler>(Actor.Agency).HandleAsync(s.EntryC))).Code);
        await s.App.DisposeAsync();
    }
}
