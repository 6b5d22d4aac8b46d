using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class AwardEntryTests(CompetitionStates states)
{
    internal static readonly Actor[] People = [Actor.Administrator, Actor.Officer, Actor.Finance, Actor.Auditor, Actor.Agency, Actor.Judge];

    internal static async Task<ResultRow?> RowAsync(CompetitionScenario s, Actor actor, int entryId) =>
        (await s.As<GetResultsHandler>(actor).HandleAsync(s.CompetitionId)).Rows.SingleOrDefault(r => r.EntryId == entryId);

    /// <summary>For trying the second-ranked entry: the first is skipped where that is possible, so the decision reaches it.</summary>
    internal static async Task<int> EntryAsync(CompetitionScenario s, bool first)
    {
        if (!first)
        {
            await CompetitionStates.SucceedsAsync(() => s.Organizer<SkipEntryHandler>().HandleAsync(new SkipEntryCommand(s.EntryA, "与现有项目重复")));
        }

        return first ? s.EntryA : s.EntryB;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task A_rows_CanAward_is_true_exactly_when_awarding_it_succeeds(bool first) => states.AssertFlagAgreesAsync(CompetitionStates.All, People,
        async (s, a) => (await RowAsync(s, a, await EntryAsync(s, first)))?.CanAward == true,
        async (s, a) => await s.As<AwardEntryHandler>(a).HandleAsync(new AwardEntryCommand(s.CompetitionId, await EntryAsync(s, first))));

    [Fact]
    public async Task R23_awards_go_in_rank_order_while_the_pool_lasts_and_become_draft_contracts()
    {
        var s = await states.TrialAsync(State.Published);
        Assert.Equal("Award.NotInRankOrder", (await Assert.ThrowsAsync<DomainException>(() =>
            s.Organizer<AwardEntryHandler>().HandleAsync(new AwardEntryCommand(s.CompetitionId, s.EntryB)))).Code);

        var contractId = await s.Organizer<AwardEntryHandler>().HandleAsync(new AwardEntryCommand(s.CompetitionId, s.EntryA));

        var contract = (await s.Organizer<GetContractHandler>().HandleAsync(contractId)).Contract;
        Assert.Equal((ContractStatus.Draft, s.Deqin, 90_000m, (int?)s.EntryA), (contract.Status, contract.AgencyId, contract.Amount, contract.CompetitionEntryId));
        Assert.Equal([TargetGroup.Elderly], contract.TargetGroups);
        var results = await s.Organizer<GetResultsHandler>().HandleAsync(s.CompetitionId);
        Assert.Equal((90_000m, 210_000m), (results.Awarded, results.Remaining));
        Assert.Equal((AwardDecision.Awarded, (int?)contractId), (results.Rows[0].Award, results.Rows[0].ContractId));
        Assert.True(results.Rows[1].CanAward);
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task R23_an_entry_larger_than_the_rest_of_the_pool_is_offered_only_a_skip()
    {
        var s = await states.TrialAsync(State.Published);
        await using (var db = await s.App.DbAsync())
        {
            var competition = db.Competitions.Single();
            typeof(Competition).GetProperty(nameof(Competition.BudgetPool))!.SetValue(competition, 150_000m);
            await db.SaveChangesAsync();
        }

        await s.Organizer<AwardEntryHandler>().HandleAsync(new AwardEntryCommand(s.CompetitionId, s.EntryA));
        var row = (await RowAsync(s, Actor.Officer, s.EntryB))!;
        Assert.Equal((false, true), (row.CanAward, row.CanSkip));
        var refused = await Assert.ThrowsAsync<DomainException>(() => s.Organizer<AwardEntryHandler>().HandleAsync(new AwardEntryCommand(s.CompetitionId, s.EntryB)));
        Assert.Equal(("Award.PoolExhausted", (object)60_000m), (refused.Code, refused.Arguments[0]));
        await s.App.DisposeAsync();
    }
}
