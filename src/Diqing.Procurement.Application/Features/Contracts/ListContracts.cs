using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

public sealed record ContractRow(
    int Id, string Number, string Title, int AgencyId, string AgencyName, ProcurementMethod Method, County County,
    decimal Amount, DateOnly StartOn, DateOnly EndOn, ContractStatus Status, decimal Paid);

/// <summary>How many contracts match a filter and their amount: the list's totals line, and the dashboard's figures.</summary>
public sealed record ContractListTotals(int Count, decimal Amount);

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

    /// <summary>Only contracts that have been signed (every status but Draft): the year's contracted amount.</summary>
    public bool Concluded { get; init; }

    /// <summary>Contracts serving this group (a contract serving several counts under each).</summary>
    public TargetGroup? TargetGroup { get; init; }

    /// <summary>Contracts with an installment payable and not yet paid: Finance's to-do.</summary>
    public bool HasPayable { get; init; }

    public ContractSort Sort { get; init; }
}

public sealed class ListContractsHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<PagedResult<ContractRow>> HandleAsync(ListContractsQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = db.Contracts.AsNoTracking().Visible(currentUser);
        var contracts = Filter(db, visible, query);
        var (total, bounded) = await contracts.CountBoundedAsync(cancellationToken);
        if (total >= WalkFrom && (!string.IsNullOrWhiteSpace(query.Search) || query.FundingKind is not null || query.HasPayable) && db.Database.IsSqlite())
        {
            contracts = Filter(db, visible, query, walk: true);
        }

        // The page's ids first (a walk of the sort order's index), then the 20 rows with their agency and paid sums:
        // SQLite computes a row's subqueries before sorting, so one statement would compute them for every match.
        var ids = await Sort(contracts, query.Sort, db).Skip(query.Skip).Take(query.Take).Select(c => c.Id).ToListAsync(cancellationToken);
        var rows = await db.Contracts.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new ContractRow(
                c.Id, c.Number, c.Title, c.AgencyId,
                db.Agencies.Where(a => a.Id == c.AgencyId).Select(a => a.Name).First(),
                c.Method, c.County, c.Amount, c.StartOn, c.EndOn, c.Status,
                c.Installments.Sum(i => (decimal?)i.PaidAmount) ?? 0m))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return new PagedResult<ContractRow>([.. ids.Select(id => rows[id])], total) { TotalIsLowerBound = bounded };
    }

    /// <summary>
    /// From this many matches of a search or of a set filter (funding kind, payable), SQLite finds a page by walking the
    /// sort order's index and testing each contract against the matches, instead of looking every match up and sorting
    /// them all: a page then costs about (skip + page) ÷ share of the matches rows, which at 2 % or more stays far below
    /// the thousands of lookups and the sort (docs/performance.md §3). The count, taken first, says which way is cheaper.
    /// </summary>
    public const int WalkFrom = 2000;

    public async Task<ContractListTotals> TotalsAsync(ListContractsQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await TotalsAsync(Filter(db, db.Contracts.AsNoTracking().Visible(currentUser), query), cancellationToken);
    }

    internal static async Task<ContractListTotals> TotalsAsync(IQueryable<PurchaseContract> contracts, CancellationToken cancellationToken) =>
        new(await contracts.CountAsync(cancellationToken), await contracts.SumAsync(c => (decimal?)c.Amount, cancellationToken) ?? 0m);

    /// <summary>
    /// The list's order, also the contract ledger's. Every order ends on a unique key, so pages never overlap; each has
    /// an index (ListIndexes migration).
    /// </summary>
    public static IOrderedQueryable<PurchaseContract> Sort(IQueryable<PurchaseContract> contracts, ContractSort sort, ProcurementDbContext db)
    {
        // SQLite keeps decimals as text and orders them through EF's own collation, which no index can serve;
        // the REAL value orders the same (amounts have 2 decimals, far below 2^53) and has an expression index.
        var sqlite = db.Database.IsSqlite();
        return sort switch
        {
            ContractSort.NumberAscending => contracts.OrderBy(c => c.Year).ThenBy(c => c.SequenceNumber),
            ContractSort.AmountDescending when sqlite => contracts.OrderByDescending(c => (double)c.Amount).ThenByDescending(c => c.Id),
            ContractSort.AmountAscending when sqlite => contracts.OrderBy(c => (double)c.Amount).ThenBy(c => c.Id),
            ContractSort.AmountDescending => contracts.OrderByDescending(c => c.Amount).ThenByDescending(c => c.Id),
            ContractSort.AmountAscending => contracts.OrderBy(c => c.Amount).ThenBy(c => c.Id),
            ContractSort.EndDateAscending => contracts.OrderBy(c => c.EndOn).ThenBy(c => c.Id),
            ContractSort.TitleAscending => contracts.OrderBy(c => c.Title).ThenBy(c => c.Id),
            _ => contracts.OrderByDescending(c => c.Year).ThenByDescending(c => c.SequenceNumber),
        };
    }

    /// <param name="walk">Set filters keep from driving the query (SQLite: <c>Id + 0 IN …</c>), see <see cref="WalkFrom"/>.</param>
    public static IQueryable<PurchaseContract> Filter(ProcurementDbContext db, IQueryable<PurchaseContract> contracts, ListContractsQuery query, bool walk = false)
    {
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            contracts = contracts.Matching(db, query.Search.Trim(), walk);
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

        if (query.Concluded)
        {
            contracts = contracts.Where(c => c.Status != ContractStatus.Draft);
        }

        if (query.TargetGroup is { } group)
        {
            contracts = contracts.Where(ServesGroup(group));
        }

        if (query.HasPayable)
        {
            var payable = db.Installments.Where(i => i.Status == InstallmentStatus.Payable).Select(i => i.ContractId);
            contracts = walk ? contracts.Where(c => payable.Contains(c.Id + 0)) : contracts.Where(c => payable.Contains(c.Id));
        }

        if (query.FundingKind is { } kind)
        {
            // The funded contracts' ids once (IN), not a lookup per contract (EXISTS) for every row walked.
            var funded = db.Allocations.Where(a => a.FundingSource.Kind == kind).Select(a => a.ContractId);
            contracts = walk ? contracts.Where(c => funded.Contains(c.Id + 0)) : contracts.Where(c => funded.Contains(c.Id));
        }

        return contracts;
    }

    /// <summary>
    /// The target groups are one text column ("Elderly,Disabled", see PurchaseContractConfiguration); no group's name is
    /// part of another's, so a LIKE on the name finds exactly the contracts serving the group.
    /// </summary>
    private static System.Linq.Expressions.Expression<Func<PurchaseContract, bool>> ServesGroup(TargetGroup group)
    {
        var pattern = "%" + group + "%";
        return c => EF.Functions.Like((string)(object)EF.Property<List<TargetGroup>>(c, "_targetGroups"), pattern);
    }
}
