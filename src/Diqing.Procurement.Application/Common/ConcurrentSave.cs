using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Common;

public static class ConcurrentSave
{
    /// <summary>
    /// Saves, or refuses the whole save when someone else changed a row it read since (a concurrency token moved):
    /// nothing of it is stored, and the user is told, in the words of <paramref name="refusalKey"/>, to reload.
    /// </summary>
    public static async Task SaveOrRefuseAsync(this ProcurementDbContext db, string refusalKey, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(refusalKey);
        }
    }
}
