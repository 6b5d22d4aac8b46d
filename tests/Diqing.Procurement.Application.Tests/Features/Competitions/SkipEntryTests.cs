using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class SkipEntryTests(CompetitionStates states)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task A_rows_CanSkip_is_true_exactly_when_skipping_it_succeeds(bool first) => states.AssertFlagAgreesAsync(CompetitionStates.All, AwardEntryTests.People,
        async (s, a) => (await AwardEntryTests.RowAsync(s, a, await AwardEntryTests.EntryAsync(s, first)))?.CanSkip == true,
        async (s, a) => await s.As<SkipEntryHandler>(a).HandleAsync(new SkipEntryCommand(await AwardEntryTests.EntryAsync(s, first), "资金池余额不足")));

    [Fact]
    public async Task A_skip_needs_a_reason_and_the_next_decision_is_about_the_next_entry()
    {
        var s = await states.TrialAsync(State.Published);
        var refused = await Assert.ThrowsAsync<DomainException>(() => s.Organizer<SkipEntryHandler>().HandleAsync(new SkipEntryCommand(s.EntryA, " ")));
        Assert.Equal(Messages.Get("Contract.ReasonRequired"), Messages.Get(refused.Code));

        await s.Organizer<SkipEntryHandler>().HandleAsync(new SkipEntryCommand(s.EntryA, "与现有项目重复"));
        var results = await s.Organizer<GetResultsHandler>().HandleAsync(s.CompetitionId);
        Assert.Equal((AwardDecision.Skipped, false, false), (results.Rows[0].Award, results.Rows[0].CanAward, results.Rows[0].CanSkip));
        Assert.True(results.Rows[1].CanSkip);
        await s.App.DisposeAsync();
    }
}
