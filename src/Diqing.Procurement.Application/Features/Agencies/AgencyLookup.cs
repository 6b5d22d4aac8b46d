using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Agencies;

public sealed record AgencyOption(int Id, string Name);

/// <summary>Agencies for pickers (e.g. the agency of a new AgencyUser). Bureau staff only.</summary>
public sealed class AgencyLookupHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<IReadOnlyList<AgencyOption>> HandleAsync(CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(Roles.Sets.BureauStaff);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Agencies.AsNoTracking()
            .OrderBy(a => a.Name)
            .Select(a => new AgencyOption(a.Id, a.Name))
            .ToListAsync(cancellationToken);
    }
}
