using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Features.Disclosure;
using Diqing.Procurement.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Disclosure;

public sealed class ListPublicCompetitionResultsTests
{
    private static Task<IReadOnlyList<PublicCompetitionResults>> ListAsync(CompetitionScenario s) =>
        s.App.Scope().ServiceProvider.GetRequiredService<ListPublicCompetitionResultsHandler>().HandleAsync();

    [Fact]
    public async Task A_draft_competition_is_never_public()
    {
        var s = await CompetitionScenario.CreateAsync();
        await using var _ = s.App;
        await s.DraftAsync();

        Assert.Empty(await ListAsync(s));
    }

    [Fact]
    public async Task Results_are_public_once_published_and_not_while_judging()
    {
        var s = await CompetitionScenario.CreateAsync();
        await using var _ = s.App;
        await s.InJudgingAsync();
        await s.CompleteJudgingAsync();
        Assert.Empty(await ListAsync(s));

        await s.Organizer<CompetitionTransitions>().PublishAsync(s.CompetitionId, null);

        var published = Assert.Single(await ListAsync(s));
        Assert.Null(published.EarlyPublicationReason); // judging was complete
        Assert.Equal(2, published.Rows.Count);
        Assert.Equal([1, 2], published.Rows.Select(r => r.Rank));
        var bureau = await s.Organizer<GetResultsHandler>().HandleAsync(s.CompetitionId);
        Assert.Equal(bureau.Rows.Select(r => (r.Title, r.FinalScore)), published.Rows.Select(r => (r.Title, r.FinalScore)));
    }
}
