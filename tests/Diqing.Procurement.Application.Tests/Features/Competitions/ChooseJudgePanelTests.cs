using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class ChooseJudgePanelTests(CompetitionStates states)
{
    [Fact]
    public Task CanChoosePanel_is_true_exactly_when_choosing_succeeds() => states.AssertFlagAgreesAsync(CompetitionStates.All,
        [Actor.Administrator, Actor.Officer, Actor.Finance, Actor.Auditor, Actor.Agency, Actor.Judge],
        async (s, a) => (await s.ViewAsync(a)).Actions.CanChoosePanel,
        (s, a) => s.As<ChooseJudgePanelHandler>(a).HandleAsync(new ChooseJudgePanelCommand(s.CompetitionId, s.Judges.Select(j => j.Id).Append(s.Outsider.Id).ToList())));

    [Fact]
    public async Task Only_judge_accounts_sit_on_the_panel_and_the_bureau_sees_who_has_declared()
    {
        var s = await states.TrialAsync(State.Judging);
        var finance = await s.App.AddUserAsync("someone", Roles.FinanceOfficer);
        Assert.Equal("Competition.NotAJudge", (await Assert.ThrowsAsync<DomainException>(() =>
            s.Organizer<ChooseJudgePanelHandler>().HandleAsync(new ChooseJudgePanelCommand(s.CompetitionId, [s.Judges[0].Id, finance.Id])))).Code);

        var panel = (await s.ViewAsync(Actor.Auditor)).Panel!;
        Assert.Equal(["j1", "j2", "j3"], panel.Select(m => m.UserName));
        Assert.Equal([true, true, false], panel.Select(m => m.HasDeclared));
        Assert.Equal(1, panel[1].ConflictCount);
        Assert.Null((await s.ViewAsync(Actor.Judge)).Panel);
        Assert.Null((await s.ViewAsync(Actor.Agency)).Panel);
        await s.App.DisposeAsync();
    }
}
