namespace Diqing.Procurement.Domain.Competitions;

/// <summary>
/// What can be done to a competition. <see cref="Competition.Allows(CompetitionAction)"/> says which of them its phase
/// allows, and every state-changing method checks the same table, so pages ask the competition instead of comparing
/// phases. The phase transitions come first, in the order they are offered.
/// </summary>
public enum CompetitionAction
{
    Open = 1,
    StartJudging = 2,
    Publish = 3,
    Close = 4,

    /// <summary>Change the details, windows and rubric.</summary>
    Edit = 10,

    /// <summary>Choose who sits on the judging panel.</summary>
    ChoosePanel = 11,

    /// <summary>Write, change and submit entries (inside the submission window too, R-18).</summary>
    Enter = 12,

    /// <summary>A panel judge declares conflicts of interest .</summary>
    DeclareConflicts = 13,

    /// <summary>Assign declared judges to entries .</summary>
    AssignJudges = 14,

    /// <summary>Save and submit score sheets .</summary>
    Score = 15,

    /// <summary>A judge's own view of the entries assigned to them and their sheets.</summary>
    ViewJudging = 16,

    /// <summary>Which entries have how many judges and sheets.</summary>
    ViewCoverage = 17,

    /// <summary>The ranking (the bureau while judging, everyone once published).</summary>
    ViewResults = 18,

    /// <summary>The score-sheet ledger (公益创投评分表).</summary>
    ExportScores = 19,

    /// <summary>Award or skip entries in rank order .</summary>
    Award = 20,

    /// <summary>See the entries (an agency its own).</summary>
    ViewEntries = 21,
}
