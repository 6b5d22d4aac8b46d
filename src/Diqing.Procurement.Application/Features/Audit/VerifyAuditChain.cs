using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Audit;

public sealed record AuditChainReport(bool IsIntact, long CheckedCount, long? FirstBrokenEntryId, AuditChainBreak? Break);

/// <summary>Recomputes every entry's hash in chain order and reports the first that no longer matches.</summary>
public sealed class VerifyAuditChainHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    private const int BatchSize = 5_000;

    public async Task<AuditChainReport> HandleAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(Roles.Sets.AuditReaders);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Read the head first: entries appended while we verify are simply not checked this time.
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(cancellationToken);
        var verification = new AuditChainVerification();
        long lastId = 0;
        while (verification.IsIntact)
        {
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Id > lastId && e.Id <= head.LastEntryId)
                .OrderBy(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var entry in batch)
            {
                if (!verification.Check(entry))
                {
                    break;
                }
            }

            lastId = batch[^1].Id;
            progress?.Report(verification.CheckedCount);
        }

        verification.Complete(head);
        return new AuditChainReport(verification.IsIntact, verification.CheckedCount, verification.FirstBrokenEntryId, verification.Break);
    }
}
