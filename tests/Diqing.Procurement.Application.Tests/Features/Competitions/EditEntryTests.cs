using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class EditEntryTests(CompetitionStates states)
{
    [Fact]
    public async Task The_edit_query_returns_the_drafts_command_and_the_eligible_groups()
    {
        var s = await states.TrialAsync(State.Open);
        var form = await s.As<EditEntryHandler>(Actor.Agency).HandleAsync(s.CompetitionId, s.EntryC);
        Assert.Equal((s.EntryC, "困境儿童陪伴", 50_000m, 50_000m), (form.Command.EntryId, form.Command.Title, form.Command.RequestedAmount, form.Command.BudgetTotal));
        Assert.True(form.Command.BudgetAddsUp);
        Assert.Equal([TargetGroup.Elderly], form.EligibleGroups);
        Assert.Null((await s.As<EditEntryHandler>(Actor.Agency).HandleAsync(s.CompetitionId, null)).Command.EntryId);
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task A_submitted_entry_or_another_agencys_is_not_edited()
    {
        var s = await states.TrialAsync(State.Open);
        Assert.Equal("Entry.AlreadySubmitted", (await Assert.ThrowsAsync<DomainException>(() => s.As<EditEntryHandler>(Actor.Agency).HandleAsync(s.CompetitionId, s.EntryA))).Code);
        await Assert.ThrowsAsync<NotFoundException>(() => s.As<EditEntryHandler>(Actor.OtherAgency).HandleAsync(s.CompetitionId, s.EntryC));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.As<EditEntryHandler>(Actor.Officer).HandleAsync(s.CompetitionId, null));
        await s.App.DisposeAsync();
    }
}
