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
        RequirePhase(CompetitionPhase.Draft, CompetitionPhase.OpenForEntries);
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

    /// <summary>Replaces the rubric: maxima add up to exactly 100; refused once entries exist.</summary>
    public void SetRubric(IReadOnlyList<CriterionPlan> criteria, bool hasEntries)
    {
        RequirePhase(CompetitionPhase.Draft, CompetitionPhase.OpenForEntries);
        if (hasEntries)
        {
            throw new DomainException("Competition.RubricFrozen");
        }

        if (criteria.Count == 0 || criteria.Any(c => string.IsNullOrWhiteSpace(c.Name) || c.MaxPoints <= 0m) || criteria.Sum(c => c.MaxPoints) != 100m)
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
        RequirePhase(CompetitionPhase.Draft, CompetitionPhase.OpenForEntries, CompetitionPhase.Judging);
        _judgeIds = judgeUserIds.Distinct().ToList();
        Version++;
    }

    public void OpenForEntries()
    {
        RequirePhase(CompetitionPhase.Draft);
        if (_criteria.Count == 0)
        {
            throw new DomainException("Competition.RubricNot100", 0m);
        }

        Phase = CompetitionPhase.OpenForEntries;
        Version++;
    }

    public void StartJudging()
    {
        RequirePhase(CompetitionPhase.OpenForEntries);
        if (_judgeIds.Count == 0)
        {
            throw new DomainException("Competition.NoJudges");
        }

        Phase = CompetitionPhase.Judging;
        Version++;
    }

    public void PublishResults()
    {
        RequirePhase(CompetitionPhase.Judging);
        Phase = CompetitionPhase.ResultsPublished;
        Version++;
    }

    public void Close()
    {
        RequirePhase(CompetitionPhase.ResultsPublished);
        Phase = CompetitionPhase.Closed;
        Version++;
    }

    /// <summary>R-18: an entry is accepted only while the competition is open and inside the submission window.</summary>
    public void EnsureAcceptsEntries(DateTime nowUtc)
    {
        if (Phase != CompetitionPhase.OpenForEntries || nowUtc < SubmissionOpensAtUtc || nowUtc >= SubmissionClosesAtUtc)
        {
            throw new DomainException("Entry.OutsideWindow");
        }
    }

    public bool IsJudge(string userId) => _judgeIds.Contains(userId);

    private void RequirePhase(params CompetitionPhase[] allowed)
    {
        if (!allowed.Contains(Phase))
        {
            throw new DomainException("Competition.WrongPhase");
        }
    }
}
