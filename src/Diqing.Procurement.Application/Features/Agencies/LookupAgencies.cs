using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Agencies;

/// <summary>An agency in a picker, with its status so that suspended agencies can be marked (the server refuses them where it matters).</summary>
public sealed record AgencyOption(int Id, string Name, AgencyStatus Status)
{
    public bool IsSuspended => Status == AgencyStatus.Suspended;
}

/// <summary>Agencies for pickers (e.g. the agency of a new AgencyUser). Bureau staff only.</summary>
public sealed class LookupAgenciesHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    /// <summary>Who may pick among all agencies; agency users see their own rows anyway and auditors only read.</summary>
    public const string Pickers = Roles.Sets.BureauStaff;

    public async Task<IReadOnlyList<AgencyOption>> HandleAsync(CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(Pickers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Agencies.AsNoTracking()
            .OrderBy(a => a.Name)
            .Select(a => new AgencyOption(a.Id, a.Name, a.Status))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Whether the user may pick among all agencies (the contract list shows its agency filter only then).</summary>
    public bool MayPick => currentUser.IsAnyOf(Pickers);

    /// <summary>
    /// The first <paramref name="take"/> agencies whose name contains <paramref name="term"/> (all when empty), for a
    /// picker that asks as the user types instead of holding every agency in each open page. The agency named exactly
    /// so comes first, so that a whole name typed is found however many longer names contain it.
    /// </summary>
    public async Task<IReadOnlyList<AgencyOption>> SearchAsync(string? term, int take, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(Pickers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agencies = db.Agencies.AsNoTracking();
        var text = term?.Trim() ?? string.Empty;
        if (text.Length > 0)
        {
            agencies = agencies.Where(a => a.Name.Contains(text));
        }

        return await agencies.OrderBy(a => a.Name == text ? 0 : 1).ThenBy(a => a.Name).Take(take)
            .Select(a => new AgencyOption(a.Id, a.Name, a.Status))
            .ToListAsync(cancellationToken);
    }
}
