using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Agencies;

public sealed record AgencyRow(int Id, string Name, string UnifiedSocialCreditCode, County County, string? ContactPerson, string? Phone, AgencyStatus Status);

public sealed record ListAgenciesQuery : PagedQuery
{
    /// <summary>Part of the name, or the start of the credit code.</summary>
    public string? Search { get; init; }

    public County? County { get; init; }

    public AgencyStatus? Status { get; init; }
}

public sealed class ListAgenciesHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<PagedResult<AgencyRow>> HandleAsync(ListAgenciesQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agencies = db.Agencies.AsNoTracking().Visible(currentUser);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            var code = term.ToUpperInvariant();
            agencies = agencies.Where(a => a.Name.Contains(term) || a.UnifiedSocialCreditCode.StartsWith(code));
        }

        if (query.County is { } county)
        {
            agencies = agencies.Where(a => a.County == county);
        }

        if (query.Status is { } status)
        {
            agencies = agencies.Where(a => a.Status == status);
        }

        var total = await agencies.CountAsync(cancellationToken);
        var items = await agencies.OrderBy(a => a.Name).Skip(query.Skip).Take(query.Take)
            .Select(a => new AgencyRow(a.Id, a.Name, a.UnifiedSocialCreditCode, a.County, a.ContactPerson, a.Phone, a.Status))
            .ToListAsync(cancellationToken);
        return new PagedResult<AgencyRow>(items, total);
    }
}
