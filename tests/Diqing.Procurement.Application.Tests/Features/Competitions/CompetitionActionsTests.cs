using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Competitions;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

public sealed class CompetitionActionsTests
{
    [Fact]
    public void The_transitions_come_in_phase_order_whatever_order_they_were_allowed_in()
    {
        var actions = new CompetitionActions(new HashSet<CompetitionAction> { CompetitionAction.Close, CompetitionAction.Edit, CompetitionAction.Open });
        Assert.Equal([CompetitionAction.Open, CompetitionAction.Close], actions.Transitions);
    }

    [Fact]
    public void Each_flag_reads_its_own_action_and_nothing_else()
    {
        var flags = new (CompetitionAction Action, Func<CompetitionActions, bool> Flag)[]
        {
            (CompetitionAction.Edit, a => a.CanEdit), (CompetitionAction.Open, a => a.CanOpen), (CompetitionAction.StartJudging, a => a.CanStartJudging),
            (CompetitionAction.Publish, a => a.CanPublish), (CompetitionAction.Close, a => a.CanClose), (CompetitionAction.Enter, a => a.CanEnter),
            (CompetitionAction.ChoosePanel, a => a.CanChoosePanel), (CompetitionAction.AssignJudges, a => a.CanAssign),
            (CompetitionAction.ExportScores, a => a.CanExportScores), (CompetitionAction.ViewEntries, a => a.ShowEntries),
            (CompetitionAction.ViewJudging, a => a.ShowJudging), (CompetitionAction.ViewCoverage, a => a.ShowCoverage),
            (CompetitionAction.ViewResults, a => a.ShowResults),
        };
        foreach (var (action, _) in flags)
        {
            var actions = new CompetitionActions(new HashSet<CompetitionAction> { action });
            Assert.Equal(flags.Select(f => f.Action == action), flags.Select(f => f.Flag(actions)));
        }

        Assert.All(flags, f => Assert.False(f.Flag(CompetitionActions.None)));
    }
}
