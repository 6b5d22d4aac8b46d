using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class CompetitionAccessTests(CompetitionStates states)
{
    [Theory]
    [InlineData(CompetitionPhase.Judging, CompetitionAccess.Bureau)]
    [InlineData(CompetitionPhase.ResultsPublished, CompetitionAccess.Everyone)]
    [InlineData(CompetitionPhase.Closed, CompetitionAccess.Everyone)]
    public void Judges_and_agencies_see_a_ranking_only_once_it_is_published(CompetitionPhase phase, string roles) =>
        Assert.Equal(roles, CompetitionAccess.RolesFor(CompetitionAction.ViewResults, phase));

    [Fact]
    public void Agencies_enter_judges_score_the_bureau_exports_and_organisers_do_the_rest()
    {
        Assert.Equal(Roles.AgencyUser, CompetitionAccess.RolesFor(CompetitionAction.Enter, CompetitionPhase.OpenForEntries));
        Assert.Equal(Roles.Judge, CompetitionAccess.RolesFor(CompetitionAction.Score, CompetitionPhase.Judging));
        Assert.Equal(CompetitionAccess.Bureau, CompetitionAccess.RolesFor(CompetitionAction.ExportScores, CompetitionPhase.Judging));
        Assert.All(CompetitionActions.PhaseSteps.Append(CompetitionAction.AssignJudges).Append(CompetitionAction.Award),
            a => Assert.Equal(CompetitionAccess.Organizers, CompetitionAccess.RolesFor(a, CompetitionPhase.Judging)));
    }

    [Fact]
    public async Task R19_a_conflicted_judge_may_not_read_the_entry_and_an_assigned_one_may()
    {
        var s = await states.TrialAsync(State.Judging);
        await using var db = await s.App.DbAsync();
        Assert.True(await CompetitionAccess.MayReadEntryAsync(db, User(s, Actor.Judge), s.EntryA, CancellationToken.None));
        Assert.False(await CompetitionAccess.MayReadEntryAsync(db, User(s, Actor.ConflictedJudge), s.EntryA, CancellationToken.None));
        Assert.False(await CompetitionAccess.MayReadEntryAsync(db, User(s, Actor.OtherAgency), s.EntryA, CancellationToken.None));
        Assert.True(await CompetitionAccess.MayReadEntryAsync(db, User(s, Actor.Auditor), s.EntryA, CancellationToken.None));
        await s.App.DisposeAsync();
    }

    private static ICurrentUser User(CompetitionScenario s, Actor actor) =>
        s.App.Scope(s.Principal(actor)).ServiceProvider.GetRequiredService<ICurrentUser>();
}
