using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

internal static class ContractConcurrency
{
    /// <summary>A save over someone else's change to the contract or a funding source is refused whole.</summary>
    public static async Task SaveAsync(ProcurementDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Contract.ChangedByOthers");
        }
    }
}
