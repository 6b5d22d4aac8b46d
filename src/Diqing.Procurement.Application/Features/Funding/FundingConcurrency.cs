using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Funding;

internal static class FundingConcurrency
{
    /// <summary>
    /// a save based on a balance someone else has since changed is refused by the source's
    /// concurrency token; nothing of it is saved and the user is asked to reload.
    /// </summary>
    public static async Task SaveAsync(ProcurementDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Funding.BalanceChanged");
        }
    }
}
