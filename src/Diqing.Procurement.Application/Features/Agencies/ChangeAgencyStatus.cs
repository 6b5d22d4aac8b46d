using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Agencies;

/// <summary>Suspend, reactivate or delete an agency. One that has accounts or contracts can only be suspended.</summary>
public sealed class ChangeAgencyStatusHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public Task SuspendAsync(int id, CancellationToken cancellationToken = default) => ChangeAsync(id, a => a.Suspend(), cancellationToken);

    public Task ReactivateAsync(int id, CancellationToken cancellationToken = default) => ChangeAsync(id, a => a.Reactivate(), cancellationToken);

    public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(AgencyAccess.Editors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException(nameof(Agency), id);
        if (IsInUse(await db.Users.CountAsync(u => u.AgencyId == id, cancellationToken), await db.Contracts.CountAsync(c => c.AgencyId == id, cancellationToken)))
        {
            throw new DomainException("Agency.InUseSuspendInstead");
        }

        db.Agencies.Remove(agency);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>An agency with accounts or contracts is part of the record: it is suspended, never deleted.</summary>
    public static bool IsInUse(int accounts, int contracts) => accounts > 0 || contracts > 0;

    private async Task ChangeAsync(int id, Action<Agency> change, CancellationToken cancellationToken)
    {
        currentUser.DemandAny(AgencyAccess.Editors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException(nameof(Agency), id);
        change(agency);
        await db.SaveChangesAsync(cancellationToken);
    }
}
