using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Competitions;

public enum CompetitionPhase
{
    Draft = 1,
    OpenForEntries = 2,
    Judging = 3,
    ResultsPublished = 4,
    Closed = 5,
}

/// <summary>A rubric criterion (评分标准) with its maximum points.</summary>
public class RubricCriterion
{
    private RubricCriterion()
    {
        Name = string.Empty;
    }

    internal RubricCriterion(string name, string? description, decimal maxPoints, int order)
    {
        Name = name;
        Description = description;
        MaxPoints = maxPoints;
        Order = order;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public string Name { get; private set; }

    public string? Description { get; private set; }

    public decimal MaxPoints { get; private set; }

    public int Order { get; private set; }
}

public sealed record CriterionPlan(string Name, string? Description, decimal MaxPoints);

/// <summary>
/// A public-welfare venture competition (公益创投大赛): Draft → Open for entries → Judging →
/// Results published → Closed. Its rubric adds up to 100 points and is frozen once entries exist.
/// </summary>
public class Competition
{
    private static readonly CompetitionPhase[] JudgingOnwards = [CompetitionPhase.Judging, CompetitionPhase.ResultsPublished, CompetitionPhase.Closed];

    /// <summary>The one table of which phase allows which action; the methods below check it, and the pages read it through <see cref="Allows(CompetitionAction)"/>.</summary>
    private static readonly IReadOnlyDictionary<CompetitionAction, CompetitionPhase[]> AllowedFrom = new Dictionary<CompetitionAction, CompetitionPhase[]>
    {
        [CompetitionAction.Open] = [CompetitionPhase.Draft],
        [CompetitionAction.StartJudging] = [CompetitionPhase.OpenForEntries],
        [CompetitionAction.Publish] = [CompetitionPhase.Judging],
        [CompetitionAction.Close] = [CompetitionPhase.ResultsPublished],
        [CompetitionAction.Edit] = [CompetitionPhase.Draft, CompetitionPhase.OpenForEntries],
        [CompetitionAction.ChoosePanel] = [CompetitionPhase.Draft, CompetitionPhase.OpenForEntries, CompetitionPhase.Judging],
        [CompetitionAction.Enter] = [CompetitionPhase.OpenForEntries],
        [CompetitionAction.DeclareConflicts] = [CompetitionPhase.Judging],
        [CompetitionAction.AssignJudges] = [CompetitionPhase.Judging],
        [CompetitionAction.Score] = [CompetitionPhase.Judging],
        [CompetitionAction.ViewJudging] = JudgingOnwards,
        [CompetitionAction.ViewCoverage] = JudgingOnwards,
        [CompetitionAction.ViewResults] = JudgingOnwards,
        [CompetitionAction.ExportScores] = JudgingOnwards,
        [CompetitionAction.Award] = [CompetitionPhase.ResultsPublished],
        [CompetitionAction.ViewEntries] = Enum.GetValues<CompetitionPhase>(),
    };

    private readonly List<RubricCriterion> _criteria = [];
    private List<TargetGroup> _eligibleGroups = [];
    private List<string> _judgeIds = [];

    private Competition()
    {
        Name = string.Empty;
        Theme = string.Empty;
    }

    public Competition(string name, int year, string theme, decimal budgetPool, decimal capPerEntry, IEnumerable<TargetGroup> eligibleGroups,
        DateTime submissionOpensAtUtc, DateTime submissionClosesAtUtc, DateTime judgingOpensAtUtc, DateTime judgingClosesAtUtc)
    {
        Name = string.Empty;
        Theme = string.Empty;
        Phase = CompetitionPhase.Draft;
        Describe(name, year, theme, budgetPool, capPerEntry, eligibleGroups, submissionOpensAtUtc, submissionClosesAtUtc, judgingOpensAtUtc, judgingClosesAtUtc);
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public int Year { get; private set; }

    public string Theme { get; private set; }

    public decimal BudgetPool { get; private set; }

    public int? FundingSourceId { get; set; }

    public decimal CapPerEntry { get; private set; }

    public IReadOnlyList<TargetGroup> EligibleGroups => _eligibleGroups;

    public DateTime SubmissionOpensAtUtc { get; private set; }

    public DateTime SubmissionClosesAtUtc { get; private set; }

    public DateTime JudgingOpensAtUtc { get; private set; }

    public DateTime JudgingClosesAtUtc { get; private set; }

    public CompetitionPhase Phase { get; private set; }

    /// <summary>When the results were published .</summary>
    public DateTime? ResultsPublishedAtUtc { get; private set; }

    /// <summary>Why the results were published before judging was complete; null when judging was complete.</summary>
    public string? EarlyPublicationReason { get; private set; }

    /// <summary>Entries judged by fewer judges than this are shown as under-covered.</summary>
    public int JudgesPerEntry { get; set; } = 3;

    /// <summary>Entries whose judges' totals differ by more than this are flagged for discussion.</summary>
    public decimal SpreadThreshold { get; set; } = 20m;

    /// <summary>Show the z-score-normalised ranking beside the official one.</summary>
    public bool ShowNormalizedRanking { get; set; }

    public IReadOnlyList<RubricCriterion> Criteria => _criteria;

    public IReadOnlyList<string> JudgeIds => _judgeIds;

    public long Version { get; private set; }

    public void Describe(string name, int year, string theme, decimal budgetPool, decimal capPerEntry, IEnumerable<TargetGroup> eligibleGroups,
        DateTime submissionOpensAtUtc, DateTime submissionClosesAtUtc, DateTime judgingOpensAtUtc, DateTime judgingClosesAtUtc)
    {
        Require(CompetitionAction.Edit);
        name = NameText.Require(name, "Competition.NameRequired");

        Money.RequirePositive(budgetPool, "Competition.BudgetInvalid");
        Money.RequirePositive(capPerEntry, "Competition.CapInvalid");
        if (capPerEntry > budgetPool)
        {
            throw new DomainException("Competition.CapAbovePool");
        }

        if (submissionClosesAtUtc <= submissionOpensAtUtc || judgingClosesAtUtc <= judgingOpensAtUtc || judgingOpensAtUtc < submissionClosesAtUtc)
        {
            throw new DomainException("Competition.WindowsInvalid");
        }

        var groups = eligibleGroups.Distinct().Order().ToList();
        if (groups.Count == 0)
        {
            throw new DomainException("Contract.TargetGroupsRequired");
        }

        Name = name.Trim();
        Year = year;
        Theme = theme?.Trim() ?? string.Empty;
        BudgetPool = budgetPool;
        CapPerEntry = capPerEntry;
        _eligibleGroups = groups;
        SubmissionOpensAtUtc = submissionOpensAtUtc;
        SubmissionClosesAtUtc = submissionClosesAtUtc;
        JudgingOpensAtUtc = judgingOpensAtUtc;
        JudgingClosesAtUtc = judgingClosesAtUtc;
        Version++;
    }

    /// <summary>The rubric's maxima add up to exactly 100 points (also for the form's live total).</summary>
    public static bool RubricAddsUp(IEnumerable<decimal> maxima) => maxima.Sum() == 100m;

    /// <summary>Replaces the rubric: maxima add up to exactly 100; refused once entries exist.</summary>
    public void SetRubric(IReadOnlyList<CriterionPlan> criteria, bool hasEntries)
    {
        Require(CompetitionAction.Edit);
        if (hasEntries)
        {
            throw new DomainException("Competition.RubricFrozen");
        }

        if (criteria.Count == 0 || criteria.Any(c => string.IsNullOrWhiteSpace(c.Name) || c.MaxPoints <= 0m) || !RubricAddsUp(criteria.Select(c => c.MaxPoints)))
        {
            throw new DomainException("Competition.RubricNot100", criteria.Sum(c => c.MaxPoints));
        }

        foreach (var criterion in criteria)
        {
            NameText.Guard(criterion.Name);
        }

        _criteria.Clear();
        _criteria.AddRange(criteria.Select((c, i) => new RubricCriterion(c.Name.Trim(), c.Description?.Trim(), c.MaxPoints, i + 1)));
        Version++;
    }

    public void SetJudges(IEnumerable<string> judgeUserIds)
    {
        Require(CompetitionAction.ChoosePanel);
        _judgeIds = judgeUserIds.Distinct().ToList();
        Version++;
    }

    public void OpenForEntries()
    {
        Require(CompetitionAction.Open);
        if (_criteria.Count == 0)
        {
            throw new DomainException("Competition.RubricNot100", 0m);
        }

        Phase = CompetitionPhase.OpenForEntries;
        Version++;
    }

    public void StartJudging()
    {
        Require(CompetitionAction.StartJudging);
        if (_judgeIds.Count == 0)
        {
            throw new DomainException("Competition.NoJudges");
        }

        Phase = CompetitionPhase.Judging;
        Version++;
    }

    /// <summary>
    /// results are published once judging is complete (<paramref name="gaps"/> empty); earlier only as an explicit
    /// override with a reason, which is kept and shown with the results.
    /// </summary>
    public void PublishResults(JudgingGaps gaps, string? earlyReason, DateTime nowUtc)
    {
        Require(CompetitionAction.Publish);
        if (!gaps.IsComplete && string.IsNullOrWhiteSpace(earlyReason))
        {
            throw new DomainException("Competition.JudgingIncomplete", gaps);
        }

        Phase = CompetitionPhase.ResultsPublished;
        ResultsPublishedAtUtc = nowUtc;
        EarlyPublicationReason = gaps.IsComplete ? null : earlyReason!.Trim();
        Version++;
    }

    public void Close()
    {
        Require(CompetitionAction.Close);
        Phase = CompetitionPhase.Closed;
        Version++;
    }

    /// <summary>R-18: entries are written and submitted only while the competition is open and inside the submission window.</summary>
    public bool AcceptsEntries(DateTime nowUtc) =>
        Allows(CompetitionAction.Enter) && nowUtc >= SubmissionOpensAtUtc && nowUtc < SubmissionClosesAtUtc;

    public void EnsureAcceptsEntries(DateTime nowUtc)
    {
        if (!AcceptsEntries(nowUtc))
        {
            throw new DomainException("Entry.OutsideWindow");
        }
    }

    public bool IsJudge(string userId) => _judgeIds.Contains(userId);

    /// <summary>
    /// what judging still lacks. Every panel judge has declared; every assigned, unconflicted judge has submitted
    /// a sheet for each submitted entry assigned to them; every submitted entry has a judge; the judging window has closed.
    /// </summary>
    public JudgingGaps GapsIn(
        IReadOnlyCollection<(int EntryId, int AgencyId)> submittedEntries,
        IReadOnlyCollection<ConflictDeclaration> declarations,
        IReadOnlyCollection<JudgeAssignment> assignments,
        IReadOnlyCollection<ScoreSheet> sheets,
        DateTime nowUtc)
    {
        var agencyOf = submittedEntries.ToDictionary(e => e.EntryId, e => e.AgencyId);
        var declared = declarations.Where(d => d.CompetitionId == Id).ToDictionary(d => d.JudgeId);
        var counting = assignments
            .Where(a => agencyOf.ContainsKey(a.EntryId) && declared.TryGetValue(a.JudgeId, out var d) && !d.ConflictsWith(agencyOf[a.EntryId]))
            .ToList();
        var submitted = sheets.Where(s => s.IsLocked).Select(s => (s.EntryId, s.JudgeId)).ToHashSet();
        return new JudgingGaps(
            _judgeIds.Where(j => !declared.ContainsKey(j)).ToList(),
            counting.Where(a => !submitted.Contains((a.EntryId, a.JudgeId))).Select(a => new MissingSheet(a.JudgeId, a.EntryId)).ToList(),
            submittedEntries.Select(e => e.EntryId).Where(e => counting.All(a => a.EntryId != e)).ToList(),
            nowUtc < JudgingClosesAtUtc ? JudgingClosesAtUtc : null);
    }

    /// <summary>Whether the phase allows the action. Other preconditions (windows, rubric, panel, judging) are checked when it is taken.</summary>
    public bool Allows(CompetitionAction action) => Allows(Phase, action);

    /// <summary>The same rule for a phase read without loading the aggregate.</summary>
    public static bool Allows(CompetitionPhase phase, CompetitionAction action) => AllowedFrom[action].Contains(phase);

    /// <summary>Every action the current phase allows, in <see cref="CompetitionAction"/> order.</summary>
    public IReadOnlyList<CompetitionAction> AllowedActions() => AllowedFrom.Keys.Where(Allows).Order().ToList();

    /// <summary>Public so that operations outside the aggregate (entries, sheets, assignments, awards) check the same table.</summary>
    public void Require(CompetitionAction action)
    {
        if (!Allows(action))
        {
            throw new DomainException("Competition.WrongPhase");
        }
    }
}

public sealed record MissingSheet(string JudgeId, int EntryId);

/// <summary>What judging lacks before results may be published without an override .</summary>
public sealed record JudgingGaps(
    IReadOnlyList<string> UndeclaredJudgeIds,
    IReadOnlyList<MissingSheet> MissingSheets,
    IReadOnlyList<int> UnassignedEntryIds,
    DateTime? WindowClosesAtUtc)
{
    public bool IsComplete => UndeclaredJudgeIds.Count == 0 && MissingSheets.Count == 0 && UnassignedEntryIds.Count == 0 && WindowClosesAtUtc is null;
}
