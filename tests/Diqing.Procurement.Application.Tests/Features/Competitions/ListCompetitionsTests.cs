using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class ListCompetitionsTests(CompetitionStates states)
{
    [Fact]
    public async Task A_draft_is_listed_for_the_bureau_only_and_an_open_one_for_everyone()
    {
        var draft = await states.TrialAsync(State.Draft);
        Assert.Single((await draft.As<ListCompetitionsHandler>(Actor.Auditor).HandleAsync()).Items);
        Assert.Empty((await draft.As<ListCompetitionsHandler>(Actor.Agency).HandleAsync()).Items);
        Assert.Empty((await draft.As<ListCompetitionsHandler>(Actor.Judge).HandleAsync()).Items);
        await draft.App.DisposeAsync();

        var open = await states.TrialAsync(State.Open);
        var item = Assert.Single((await open.As<ListCompetitionsHandler>(Actor.Judge).HandleAsync()).Items);
        Assert.Equal((CompetitionPhase.OpenForEntries, 300_000m, open.SubmissionClosesAtUtc), (item.Phase, item.BudgetPool, item.SubmissionClosesAtUtc));
        await open.App.DisposeAsync();
    }
}
