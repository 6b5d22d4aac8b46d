using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Funding;

public sealed record FundingSourceRow(
    int Id, string Name, FundingKind Kind, FiscalLevel? FiscalLevel, string? Grantor, int FiscalYear, string DocumentNumber,
    decimal Amount, decimal Allocated, decimal Disbursed)
{
    /// <summary>Amount − allocated: what can still be earmarked.</summary>
    public decimal Available => Amount - Allocated;
}

public sealed record FundingTotal(FundingKind Kind, int FiscalYear, decimal Amount, decimal Allocated, decimal Disbursed)
{
    public decimal Available => Amount - Allocated;
}

public sealed record FundingOverview(IReadOnlyList<FundingSourceRow> Sources, IReadOnlyList<FundingTotal> Totals)
{
    public decimal Amount => Sources.Sum(s => s.Amount);

    public decimal Allocated => Sources.Sum(s => s.Allocated);

    public decimal Disbursed => Sources.Sum(s => s.Disbursed);

    public decimal Available => Amount - Allocated;
}

public sealed record ListFundingSourcesQuery(int? FiscalYear = null, FundingKind? Kind = null, string? Search = null);

/// <summary>Every source with its balances (summed in the database) and totals per kind and year.</summary>
public sealed class ListFundingSourcesHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<FundingOverview> HandleAsync(ListFundingSourcesQuery query, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(FundingAccess.Readers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sources = Filter(db.FundingSources.AsNoTracking(), query);

        var rows = await sources
            .OrderByDescending(f => f.FiscalYear).ThenBy(f => f.Kind).ThenBy(f => f.Name)
            .Select(f => new FundingSourceRow(
                f.Id, f.Name, f.Kind, f.FiscalLevel, f.Grantor, f.FiscalYear, f.DocumentNumber, f.Amount,
                db.Allocations.Where(a => a.FundingSourceId == f.Id).Sum(a => (decimal?)a.Amount) ?? 0m,
                db.Disbursements.Where(d => d.Allocation.FundingSourceId == f.Id).Sum(d => (decimal?)d.Amount) ?? 0m))
            .ToListAsync(cancellationToken);

        var totals = rows
            .GroupBy(r => (r.Kind, r.FiscalYear))
            .OrderByDescending(g => g.Key.FiscalYear).ThenBy(g => g.Key.Kind)
            .Select(g => new FundingTotal(g.Key.Kind, g.Key.FiscalYear, g.Sum(r => r.Amount), g.Sum(r => r.Allocated), g.Sum(r => r.Disbursed)))
            .ToList();
        return new FundingOverview(rows, totals);
    }

    /// <summary>The funding page's filter (year, kind, search in name or document number); the fund and disbursement ledgers use it too.</summary>
    internal static IQueryable<FundingSource> Filter(IQueryable<FundingSource> sources, ListFundingSourcesQuery query)
    {
        if (query.FiscalYear is { } year)
        {
            sources = sources.Where(f => f.FiscalYear == year);
        }

        if (query.Kind is { } kind)
        {
            sources = sources.Where(f => f.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            sources = sources.Where(f => f.Name.Contains(term) || f.DocumentNumber.Contains(term));
        }

        return sources;
    }
}
