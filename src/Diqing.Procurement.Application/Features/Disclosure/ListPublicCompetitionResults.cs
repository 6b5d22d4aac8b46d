using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Disclosure;

/// <summary>One ranked entry of published results: organisation and project, never a judge or a sheet.</summary>
public sealed record PublicResultRow(int Rank, string Title, string Agency, decimal FinalScore, decimal RequestedAmount, bool Awarded);

/// <param name="EarlyPublicationReason">R-28: shown when the results were published before judging was complete.</param>
public sealed record PublicCompetitionResults(string Name, int Year, DateTime? PublishedAtUtc, string? EarlyPublicationReason, IReadOnlyList<PublicResultRow> Rows);

/// <summary>Published competition results for anyone (no login): <see cref="PublicDisclosure.Results"/> only, ranked by the one scoring function.</summary>
public sealed class ListPublicCompetitionResultsHandler(IDbContextFactory<ProcurementDbContext> dbFactory)
{
    public async Task<IReadOnlyList<PublicCompetitionResults>> HandleAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competitions = await db.Competitions.AsNoTracking().Where(PublicDisclosure.Results).Include(c => c.Criteria)
            .OrderByDescending(c => c.Year).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var list = new List<PublicCompetitionResults>();
        foreach (var competition in competitions)
        {
            var ranked = await CompetitionRanking.RankAsync(db, competition, withNormalized: false, cancellationToken);
            var rows = ranked.Results.Select(r =>
            {
                var e = ranked.Entry(r.EntryId);
                return new PublicResultRow(r.Rank, e.Title, agencies.GetValueOrDefault(e.AgencyId, string.Empty), r.FinalScore, e.RequestedAmount, e.Award == AwardDecision.Awarded);
            }).ToList();
            list.Add(new PublicCompetitionResults(competition.Name, competition.Year, competition.ResultsPublishedAtUtc, competition.EarlyPublicationReason, rows));
        }

        return list;
    }
}
