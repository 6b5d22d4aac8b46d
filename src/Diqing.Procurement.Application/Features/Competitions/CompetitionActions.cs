using Diqing.Procurement.Domain.Competitions;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>
/// What the current user may do with a competition now: the actions its phase allows
/// (<see cref="Competition.Allows(CompetitionAction)"/>, entries also inside the window) that the user's roles may take
/// (<see cref="CompetitionAccess.RolesFor"/>). Pages only read these flags; the handlers and the competition check everything again.
/// </summary>
public sealed record CompetitionActions(IReadOnlySet<CompetitionAction> Allowed)
{
    /// <summary>The phase transitions, in the order their buttons are shown.</summary>
    public static readonly IReadOnlyList<CompetitionAction> PhaseSteps =
        [CompetitionAction.Open, CompetitionAction.StartJudging, CompetitionAction.Publish, CompetitionAction.Close];

    public static CompetitionActions None { get; } = new(new HashSet<CompetitionAction>());

    public IReadOnlyList<CompetitionAction> Transitions => PhaseSteps.Where(Allowed.Contains).ToList();

    public bool CanEdit => Allowed.Contains(CompetitionAction.Edit);

    public bool CanOpen => Allowed.Contains(CompetitionAction.Open);

    public bool CanStartJudging => Allowed.Contains(CompetitionAction.StartJudging);

    public bool CanPublish => Allowed.Contains(CompetitionAction.Publish);

    public bool CanClose => Allowed.Contains(CompetitionAction.Close);

    /// <summary>An agency user may write and submit entries now: the competition is open and the window too.</summary>
    public bool CanEnter => Allowed.Contains(CompetitionAction.Enter);

    public bool CanChoosePanel => Allowed.Contains(CompetitionAction.ChoosePanel);

    public bool CanAssign => Allowed.Contains(CompetitionAction.AssignJudges);

    public bool CanExportScores => Allowed.Contains(CompetitionAction.ExportScores);

    public bool ShowEntries => Allowed.Contains(CompetitionAction.ViewEntries);

    public bool ShowJudging => Allowed.Contains(CompetitionAction.ViewJudging);

    public bool ShowCoverage => Allowed.Contains(CompetitionAction.ViewCoverage);

    public bool ShowResults => Allowed.Contains(CompetitionAction.ViewResults);

    public bool Can(CompetitionAction action) => Allowed.Contains(action);
}
