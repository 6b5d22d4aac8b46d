using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Competitions;

public enum ScoreSheetStatus
{
    Draft = 1,
    Submitted = 2,
}

public sealed record CriterionScore(int CriterionId, decimal Points, string? Comment);

/// <summary>One judge's scores for one entry. R-20: each criterion within 0..max; locked once submitted.</summary>
public class ScoreSheet
{
    private List<CriterionScore> _scores = [];

    private ScoreSheet()
    {
        JudgeId = string.Empty;
    }

    public ScoreSheet(int competitionId, int entryId, string judgeId)
    {
        CompetitionId = competitionId;
        EntryId = entryId;
        JudgeId = judgeId;
        Status = ScoreSheetStatus.Draft;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int EntryId { get; private set; }

    public string JudgeId { get; private set; }

    public IReadOnlyList<CriterionScore> Scores => _scores;

    public ScoreSheetStatus Status { get; private set; }

    public DateTime? SubmittedAtUtc { get; private set; }

    public string? ReopenReason { get; private set; }

    public long Version { get; private set; }

    public decimal Total => _scores.Sum(s => s.Points);

    /// <summary>Submitted sheets are locked and are the ones that count.</summary>
    public bool IsLocked => Status == ScoreSheetStatus.Submitted;

    /// <summary>R-20: points for a criterion lie between 0 and its maximum (also for the form's live check).</summary>
    public static bool PointsAllowed(decimal points, decimal maxPoints) => points >= 0m && points <= maxPoints;

    public void Save(IReadOnlyList<RubricCriterion> rubric, IEnumerable<CriterionScore> scores)
    {
        if (IsLocked)
        {
            throw new DomainException("Sheet.Locked");
        }

        var list = scores.ToList();
        foreach (var score in list)
        {
            var criterion = rubric.SingleOrDefault(c => c.Id == score.CriterionId) ?? throw new DomainException("Sheet.UnknownCriterion");
            if (!PointsAllowed(score.Points, criterion.MaxPoints))
            {
                throw new DomainException("Sheet.PointsOutOfRange", criterion.Name, criterion.MaxPoints);
            }
        }

        _scores = list.Select(s => s with { Comment = string.IsNullOrWhiteSpace(s.Comment) ? null : s.Comment.Trim() }).ToList();
        Version++;
    }

    public void Submit(IReadOnlyList<RubricCriterion> rubric, DateTime nowUtc)
    {
        if (IsLocked)
        {
            throw new DomainException("Sheet.Locked");
        }

        if (rubric.Any(c => _scores.All(s => s.CriterionId != c.Id)))
        {
            throw new DomainException("Sheet.Incomplete");
        }

        Status = ScoreSheetStatus.Submitted;
        SubmittedAtUtc = nowUtc;
        Version++;
    }

    /// <summary>Only an Administrator may reopen a submitted sheet, with a reason (audited).</summary>
    public void Reopen(string reason)
    {
        if (!IsLocked)
        {
            throw new DomainException("Sheet.NotSubmitted");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Contract.ReasonRequired");
        }

        ReopenReason = reason.Trim();
        Status = ScoreSheetStatus.Draft;
        SubmittedAtUtc = null;
        Version++;
    }
}

/// <summary>A judge's declared conflicts of interest, made before seeing any entry.</summary>
public class ConflictDeclaration
{
    private List<int> _agencyIds = [];

    private ConflictDeclaration()
    {
        JudgeId = string.Empty;
    }

    public ConflictDeclaration(int competitionId, string judgeId, IEnumerable<int> agencyIds, DateTime declaredAtUtc)
    {
        CompetitionId = competitionId;
        JudgeId = judgeId;
        _agencyIds = agencyIds.Distinct().ToList();
        DeclaredAtUtc = declaredAtUtc;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public string JudgeId { get; private set; }

    public IReadOnlyList<int> AgencyIds => _agencyIds;

    public DateTime DeclaredAtUtc { get; private set; }

    public bool ConflictsWith(int agencyId) => _agencyIds.Contains(agencyId);
}

/// <summary>A judge assigned to score an entry.</summary>
public class JudgeAssignment
{
    private JudgeAssignment()
    {
        JudgeId = string.Empty;
    }

    public JudgeAssignment(int competitionId, int entryId, string judgeId)
    {
        CompetitionId = competitionId;
        EntryId = entryId;
        JudgeId = judgeId;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int EntryId { get; private set; }

    public string JudgeId { get; private set; }
}

/// <summary>R-19: assigns judges to entries, never to an entry of an agency they declared a conflict with,
/// spreading the load evenly. Returns the new pairs; existing ones are kept.</summary>
public static class JudgeAssignmentPlanner
{
    public static IReadOnlyList<(int EntryId, string JudgeId)> Plan(
        IReadOnlyList<(int EntryId, int AgencyId)> entries,
        IReadOnlyList<string> judges,
        IReadOnlyDictionary<string, IReadOnlySet<int>> conflicts,
        IReadOnlyCollection<(int EntryId, string JudgeId)> existing,
        int judgesPerEntry)
    {
        var load = judges.ToDictionary(j => j, j => existing.Count(e => e.JudgeId == j));
        var pairs = existing.ToHashSet();
        var added = new List<(int, string)>();
        foreach (var (entryId, agencyId) in entries.OrderBy(e => e.EntryId))
        {
            var candidates = judges
                .Where(j => !pairs.Contains((entryId, j)) && !(conflicts.TryGetValue(j, out var c) && c.Contains(agencyId)))
                .OrderBy(j => load[j]).ThenBy(j => j, StringComparer.Ordinal)
                .Take(Math.Max(0, judgesPerEntry - pairs.Count(p => p.EntryId == entryId)))
                .ToList();
            foreach (var judge in candidates)
            {
                pairs.Add((entryId, judge));
                added.Add((entryId, judge));
                load[judge]++;
            }
        }

        return added;
    }
}
