using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Infrastructure.Auditing;

/// <summary>
/// Several app instances on one server database (docs/deploy.md): <see cref="AuditChainGate"/> only
/// queues the writers of one process. At the start of every audited save the chain head's row is
/// locked for the rest of the transaction (a no-op UPDATE, which every provider turns into a row
/// lock; SQLite already holds its write lock from BEGIN IMMEDIATE). Writers of other instances then
/// wait for their turn instead of failing on the head's concurrency token, and since every writer
/// takes the head first, before any entity row, they cannot deadlock on each other.
/// </summary>
internal static class AuditChainLock
{
    public static Task TakeAsync(ProcurementDbContext db, CancellationToken cancellationToken) =>
        db.AuditChainHeads
            .Where(h => h.Id == AuditChainHead.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Version, h => h.Version), cancellationToken);
}
