using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>A competition's submitted entries and sheets, ranked by the one scoring function .</summary>
internal sealed record RankedCompetition(
    Competition Competition,
    IReadOnlyList<CompetitionEntry> Entries,
    IReadOnlyList<ScoreSheet> Sheets,
    IReadOnlyList<EntryResult> Results)
{
    public CompetitionEntry Entry(int entryId) => Entries.Single(e => e.Id == entryId);

    /// <summary>R-23 over this ranking: what is left of the pool and which entry the next decision is about.</summary>
    public AwardOrder Awards() => new(
        Competition.BudgetPool,
        Entries.Where(e => e.Award == AwardDecision.Awarded).Sum(e => e.RequestedAmount),
        Results.Select(r => Entry(r.EntryId)).Select(e => new AwardCandidate(e.Id, e.RequestedAmount, e.Award)).ToList());
}

internal static class CompetitionRanking
{
    public static async Task<RankedCompetition> RankAsync(ProcurementDbContext db, Competition competition, bool withNormalized, CancellationToken cancellationToken)
    {
        var entries = await db.CompetitionEntries.AsNoTracking()
            .Where(e => e.CompetitionId == competition.Id && e.Status == EntryStatus.Submitted).ToListAsync(cancellationToken);
        var sheets = await db.ScoreSheets.AsNoTracking()
            .Where(s => s.CompetitionId == competition.Id && s.Status == ScoreSheetStatus.Submitted).ToListAsync(cancellationToken);
        var results = CompetitionScoring.Rank(
            competition.Criteria.Select(c => new ScoringCriterion(c.Id, c.MaxPoints, c.Order)).ToList(),
            entries.Select(e => new EntryScores(e.Id, e.SubmittedAtUtc!.Value,
                sheets.Where(s => s.EntryId == e.Id).Select(s => new JudgeScores(s.JudgeId, s.Scores.ToDictionary(x => x.CriterionId, x => x.Points))).ToList())).ToList(),
            competition.SpreadThreshold, withNormalized);
        return new RankedCompetition(competition, entries, sheets, results);
    }
}
