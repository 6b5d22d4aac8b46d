using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <param name="SheetCount">Submitted sheets the final score rests on (1 means a single judge's score).</param>
/// <param name="AssignedJudges">Judges assigned to the entry.</param>
/// <param name="CanAward">R-23: this is the next entry in rank order, its request fits in the pool, and the user may decide (<see cref="AwardEntryHandler"/>).</param>
/// <param name="CanSkip">This is the next entry in rank order and the user may decide (<see cref="SkipEntryHandler"/>).</param>
public sealed record ResultRow(
    int EntryId, int Rank, string Title, int AgencyId, string AgencyName, decimal RequestedAmount, decimal FinalScore, bool Trimmed,
    decimal Spread, bool SpreadFlagged, int? NormalizedRank, int SheetCount, int AssignedJudges, AwardDecision Award, int? ContractId,
    bool CanAward, bool CanSkip)
{
    public bool SingleJudge => SheetCount == 1;
}

/// <param name="Provisional">Judging is still going on: a ranking for the bureau's eyes only.</param>
/// <param name="EarlyPublicationReason">Set when the results were published before judging was complete .</param>
public sealed record ResultsView(
    int CompetitionId,
    bool Provisional,
    DateTime? PublishedAtUtc,
    string? EarlyPublicationReason,
    decimal BudgetPool,
    decimal Awarded,
    bool ShowNormalizedRanking,
    IReadOnlyList<ResultRow> Rows)
{
    public decimal Remaining => BudgetPool - Awarded;
}

/// <summary>
/// Results from the one scoring function over submitted sheets. The bureau sees them while judging;
/// judges only after publication; agencies only their own entries after publication.
/// </summary>
public sealed class GetResultsHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<ResultsView> HandleAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionAccess.LoadAsync(db, competitionId, currentUser, cancellationToken);
        currentUser.Demand(competition, CompetitionAction.ViewResults);
        var ranked = await CompetitionRanking.RankAsync(db, competition, competition.ShowNormalizedRanking, cancellationToken);
        var awards = ranked.Awards();
        var actions = CompetitionAccess.ActionsFor(competition, currentUser, clock.GetUtcNow().UtcDateTime);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var assigned = await db.JudgeAssignments.AsNoTracking().Where(a => a.CompetitionId == competitionId)
            .GroupBy(a => a.EntryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var rows = ranked.Results.Select(r =>
        {
            var e = ranked.Entry(r.EntryId);
            var decide = actions.Can(CompetitionAction.Award);
            return new ResultRow(e.Id, r.Rank, e.Title, e.AgencyId, agencies[e.AgencyId], e.RequestedAmount, r.FinalScore, r.Trimmed, r.Spread, r.SpreadFlagged,
                r.NormalizedRank, r.JudgeCount, assigned.GetValueOrDefault(e.Id), e.Award, e.ContractId, decide && awards.MayAward(e.Id), decide && awards.MaySkip(e.Id));
        });
        if (currentUser.IsAgencyOnly())
        {
            rows = rows.Where(r => r.AgencyId == currentUser.OwnAgencyId());
        }

        return new ResultsView(competition.Id, competition.Allows(CompetitionAction.Score),
            competition.ResultsPublishedAtUtc, competition.EarlyPublicationReason, awards.BudgetPool, awards.Awarded, competition.ShowNormalizedRanking, rows.ToList());
    }
}
