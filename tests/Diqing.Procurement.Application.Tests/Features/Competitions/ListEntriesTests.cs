using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class ListEntriesTests(CompetitionStates states)
{
    private static readonly Actor[] People = [Actor.Agency, Actor.OtherAgency, Actor.Officer, Actor.Administrator, Actor.Judge];

    private static async Task<EntryRow?> RowAsync(CompetitionScenario s, Actor actor, int entryId) =>
        (await s.As<ListEntriesHandler>(actor).HandleAsync(s.CompetitionId)).Rows.SingleOrDefault(r => r.Id == entryId);

    [Fact]
    public Task CanCreate_is_true_exactly_when_a_new_entry_is_saved() => states.AssertFlagAgreesAsync(CompetitionStates.All, People,
        async (s, a) => (await s.As<ListEntriesHandler>(a).HandleAsync(s.CompetitionId)).CanCreate,
        (s, a) => s.As<SaveEntryHandler>(a).HandleAsync(new SaveEntryCommand { CompetitionId = s.CompetitionId, Title = "新项目", RequestedAmount = 10_000m, BudgetLines = [new() { Item = "人员", Amount = 10_000m }] }));

    [Fact]
    public Task A_rows_CanEdit_is_true_exactly_when_the_entry_is_saved() => states.AssertFlagAgreesAsync(CompetitionStates.All, People,
        async (s, a) => (await RowAsync(s, a, s.EntryC))?.CanEdit == true,
        async (s, a) =>
        {
            var form = await s.As<EditEntryHandler>(Actor.Agency).HandleAsync(s.CompetitionId, s.EntryC);
            form.Command.Title = "改过的标题";
            await s.As<SaveEntryHandler>(a).HandleAsync(form.Command);
        });

    [Fact]
    public Task A_rows_CanSubmit_is_true_exactly_when_the_entry_is_submitted() => states.AssertFlagAgreesAsync(CompetitionStates.All, People,
        async (s, a) => (await RowAsync(s, a, s.EntryC))?.CanSubmit == true,
        (s, a) => s.As<SubmitEntryHandler>(a).HandleAsync(s.EntryC));

    [Fact]
    public async Task R01_an_agency_lists_its_own_entries_with_the_agency_name_and_the_bureau_lists_all()
    {
        var s = await states.TrialAsync(State.Open);
        Assert.Equal([(s.EntryA, "测试社会工作服务中心"), (s.EntryC, "测试社会工作服务中心")],
            (await s.As<ListEntriesHandler>(Actor.Agency).HandleAsync(s.CompetitionId)).Rows.Select(r => (r.Id, r.AgencyName)));
        Assert.Equal([s.EntryA, s.EntryB, s.EntryC], (await s.As<ListEntriesHandler>(Actor.Auditor).HandleAsync(s.CompetitionId)).Rows.Select(r => r.Id));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.As<ListEntriesHandler>(Actor.Judge).HandleAsync(s.CompetitionId));
        await s.App.DisposeAsync();
    }
}
