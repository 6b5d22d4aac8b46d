namespace Diqing.Procurement.Domain.Competitions;

/// <summary>A rubric criterion as scoring needs it: its id, its maximum and its place in the rubric.</summary>
public sealed record ScoringCriterion(int Id, decimal MaxPoints, int Order);

/// <summary>One judge's submitted points for one entry, per criterion id.</summary>
public sealed record JudgeScores(string JudgeId, IReadOnlyDictionary<int, decimal> Points)
{
    public decimal Total => Points.Values.Sum();
}

public sealed record EntryScores(int EntryId, DateTime SubmittedAtUtc, IReadOnlyList<JudgeScores> Sheets);

public sealed record EntryResult(
    int EntryId,
    int Rank,
    decimal FinalScore,
    bool Trimmed,
    int JudgeCount,
    decimal Spread,
    bool SpreadFlagged,
    decimal TieBreakScore,
    DateTime SubmittedAtUtc,
    double? NormalizedScore,
    int? NormalizedRank);

/// <summary>
/// The competition's results, computed by one pure function:
/// <list type="bullet">
/// <item>final score = mean of the judges' totals; with 5 or more judges, one highest and one lowest total are dropped first;</item>
/// <item>rank by final score descending; ties broken by the higher mean on the criterion with the largest maximum
/// (first in rubric order if several share it), over the same judges that count for the final score; then by earlier submission;</item>
/// <item>spread = highest − lowest judge total, flagged above the threshold;</item>
/// <item>optional z-score ranking: each judge's totals standardised with that judge's mean and population standard
/// deviation, averaged per entry (advisory: it reveals harsh or lenient judges, it does not decide).</item>
/// </list>
/// Full precision throughout; rounding (half away from zero, 2 decimals) is for display and export only.
/// </summary>
public static class CompetitionScoring
{
    public const int TrimFromJudges = 5;

    public static IReadOnlyList<EntryResult> Rank(
        IReadOnlyList<ScoringCriterion> criteria,
        IReadOnlyList<EntryScores> entries,
        decimal spreadThreshold = 20m,
        bool withNormalized = false)
    {
        var tieCriterion = criteria.OrderByDescending(c => c.MaxPoints).ThenBy(c => c.Order).FirstOrDefault()?.Id;
        var scored = entries.Where(e => e.Sheets.Count > 0).Select(e => Score(e, tieCriterion, spreadThreshold)).ToList();
        var normalized = withNormalized ? Normalize(scored.Select(s => s.Entry).ToList()) : null;

        var ordered = scored
            .OrderByDescending(s => s.Final)
            .ThenByDescending(s => s.TieBreak)
            .ThenBy(s => s.Entry.SubmittedAtUtc)
            .ThenBy(s => s.Entry.EntryId)
            .ToList();
        var normalizedRanks = normalized?.OrderByDescending(p => p.Value).ThenBy(p => p.Key)
            .Select((p, i) => (p.Key, Rank: i + 1)).ToDictionary(x => x.Key, x => x.Rank);

        return ordered.Select((s, i) => new EntryResult(
            s.Entry.EntryId, i + 1, s.Final, s.Trimmed, s.Entry.Sheets.Count, s.Spread, s.Spread > spreadThreshold, s.TieBreak,
            s.Entry.SubmittedAtUtc, normalized?[s.Entry.EntryId], normalizedRanks?[s.Entry.EntryId])).ToList();
    }

    /// <summary>Half away from zero to two decimals: for display and export only, never before ranking.</summary>
    public static decimal ForDisplay(decimal score) => decimal.Round(score, 2, MidpointRounding.AwayFromZero);

    private static (EntryScores Entry, decimal Final, bool Trimmed, decimal Spread, decimal TieBreak) Score(EntryScores entry, int? tieCriterion, decimal threshold)
    {
        var byTotal = entry.Sheets.OrderBy(s => s.Total).ThenBy(s => s.JudgeId, StringComparer.Ordinal).ToList();
        var trimmed = byTotal.Count >= TrimFromJudges;
        var counted = trimmed ? byTotal.Skip(1).Take(byTotal.Count - 2).ToList() : byTotal;
        var final = counted.Sum(s => s.Total) / counted.Count;
        var spread = byTotal[^1].Total - byTotal[0].Total;
        var tieBreak = tieCriterion is { } id ? counted.Sum(s => s.Points.GetValueOrDefault(id)) / counted.Count : 0m;
        return (entry, final, trimmed, spread, tieBreak);
    }

    private static Dictionary<int, double> Normalize(IReadOnlyList<EntryScores> entries)
    {
        var totalsByJudge = entries.SelectMany(e => e.Sheets.Select(s => (s.JudgeId, Total: (double)s.Total)))
            .GroupBy(x => x.JudgeId)
            .ToDictionary(g => g.Key, g =>
            {
                var totals = g.Select(x => x.Total).ToList();
                var mean = totals.Average();
                var sd = Math.Sqrt(totals.Sum(t => (t - mean) * (t - mean)) / totals.Count);
                return (Mean: mean, Sd: sd);
            });

        return entries.ToDictionary(e => e.EntryId, e => e.Sheets.Average(s =>
        {
            var (mean, sd) = totalsByJudge[s.JudgeId];
            return sd == 0 ? 0d : ((double)s.Total - mean) / sd;
        }));
    }
}
