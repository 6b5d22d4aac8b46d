using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

public sealed record ContractRow(
    int Id, string Number, string Title, int AgencyId, string AgencyName, ProcurementMethod Method, County County,
    decimal Amount, DateOnly StartOn, DateOnly EndOn, ContractStatus Status, decimal Paid);

public enum ContractSort
{
    NumberDescending = 0,
    NumberAscending = 1,
    AmountDescending = 2,
    AmountAscending = 3,
    EndDateAscending = 4,
    TitleAscending = 5,
}

public sealed record ListContractsQuery : PagedQuery
{
    public string? Search { get; init; }

    public ContractStatus? Status { get; init; }

    public int? AgencyId { get; init; }

    public County? County { get; init; }

    public int? Year { get; init; }

    public ProcurementMethod? Method { get; init; }

    public FundingKind? FundingKind { get; init; }

    public ContractSort Sort { get; init; }
}

public sealed class ListContractsHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<PagedResult<ContractRow>> HandleAsync(ListContractsQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contracts = Filter(db, db.Contracts.AsNoTracking().Visible(currentUser), query);
        var total = await contracts.CountAsync(cancellationToken);
        var items = await Sort(contracts, query.Sort).Skip(query.Skip).Take(query.Take)
            .Select(c => new ContractRow(
                c.Id, c.Number, c.Title, c.AgencyId,
                db.Agencies.Where(a => a.Id == c.AgencyId).Select(a => a.Name).First(),
                c.Method, c.County, c.Amount, c.StartOn, c.EndOn, c.Status,
                c.Installments.Sum(i => (decimal?)i.PaidAmount) ?? 0m))
            .ToListAsync(cancellationToken);
        return new PagedResult<ContractRow>(items, total);
    }

    /// <summary>The list's order, also the contract ledger's.</summary>
    public static IOrderedQueryable<PurchaseContract> Sort(IQueryable<PurchaseContract> contracts, ContractSort sort) => sort switch
    {
        ContractSort.NumberAscending => contracts.OrderBy(c => c.Year).ThenBy(c => c.SequenceNumber),
        ContractSort.AmountDescending => contracts.OrderByDescending(c => c.Amount).ThenByDescending(c => c.Id),
        ContractSort.AmountAscending => contracts.OrderBy(c => c.Amount).ThenBy(c => c.Id),
        ContractSort.EndDateAscending => contracts.OrderBy(c => c.EndOn).ThenBy(c => c.Id),
        ContractSort.TitleAscending => contracts.OrderBy(c => c.Title).ThenBy(c => c.Id),
        _ => contracts.OrderByDescending(c => c.Year).ThenByDescending(c => c.SequenceNumber),
    };

    internal static IQueryable<PurchaseContract> Filter(ProcurementDbContext db, IQueryable<PurchaseContract> contracts, ListContractsQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            contracts = contracts.Where(c => c.Title.Contains(term) || c.Number.Contains(term)
                || db.Agencies.Any(a => a.Id == c.AgencyId && a.Name.Contains(term)));
        }

        if (query.Status is { } status)
        {
            contracts = contracts.Where(c => c.Status == status);
        }

        if (query.AgencyId is { } agencyId)
        {
            contracts = contracts.Where(c => c.AgencyId == agencyId);
        }

        if (query.County is { } county)
        {
            contracts = contracts.Where(c => c.County == county);
        }

        if (query.Year is { } year)
        {
            contracts = contracts.Where(c => c.Year == year);
        }

        if (query.Method is { } method)
        {
            contracts = contracts.Where(c => c.Method == method);
        }

        if (query.FundingKind is { } kind)
        {
            contracts = contracts.Where(c => db.Allocations.Any(a => a.ContractId == c.Id && a.FundingSource.Kind == kind));
        }

        return contracts;
    }
}
