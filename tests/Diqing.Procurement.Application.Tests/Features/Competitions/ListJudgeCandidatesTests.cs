using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class ListJudgeCandidatesTests(CompetitionStates states)
{
    [Theory]
    [InlineData(Actor.Officer)]
    [InlineData(Actor.Administrator)]
    public async Task Organisers_list_the_judge_accounts_and_no_other(Actor actor)
    {
        var s = await states.TrialAsync(State.Draft);
        await s.App.AddUserAsync("officer2", Roles.ProcurementOfficer);
        var judges = await s.As<ListJudgeCandidatesHandler>(actor).HandleAsync();

        Assert.Equal(["j1", "j2", "j3", "j9"], judges.Select(j => j.UserName));
        Assert.Equal((s.Judges[0].Id, "j1"), (judges[0].Id, judges[0].DisplayName));
        await s.App.DisposeAsync();
    }

    [Theory]
    [InlineData(Actor.Agency)]
    [InlineData(Actor.Judge)]
    [InlineData(Actor.Finance)]
    [InlineData(Actor.Auditor)]
    public async Task Nobody_else_lists_the_judge_accounts(Actor actor)
    {
        var s = await states.TrialAsync(State.Draft);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.As<ListJudgeCandidatesHandler>(actor).HandleAsync());
        await s.App.DisposeAsync();
    }
}
