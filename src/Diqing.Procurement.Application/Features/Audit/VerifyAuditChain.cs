using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Auditing;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Audit;

/// <param name="Checkpoint">The latest checkpoint the chain was compared with, if any was written.</param>
public sealed record AuditChainReport(bool IsIntact, long CheckedCount, long? FirstBrokenEntryId, AuditChainBreak? Break, AuditCheckpoint? Checkpoint = null);

/// <summary>
/// Recomputes every entry's MAC in id order over every row of the table, and compares the end of the chain with the
/// head and the latest checkpoint; reports the first problem by entry and kind.
/// </summary>
public sealed class VerifyAuditChainHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, IAuditSeal seal, AuditCheckpointStore checkpoints)
{
    private const int BatchSize = 5_000;

    public async Task<AuditChainReport> HandleAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(Roles.Sets.AuditReaders);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Checkpoint first, then the head: a checkpoint written meanwhile cannot be ahead of the head we walk to.
        var checkpoint = checkpoints.Latest();
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(cancellationToken);
        var verification = new AuditChainVerification(seal, checkpoint);
        // Every row, ids below 1 included: nothing in the table escapes the walk.
        await WalkAsync(db, verification, afterId: long.MinValue, head.LastEntryId, progress, cancellationToken);

        // Entries appended by the app while we walked moved the head on; a row beyond the head as it is now is in no chain.
        var headNow = await db.AuditChainHeads.AsNoTracking().Select(h => h.LastEntryId).SingleAsync(cancellationToken);
        var outside = await db.AuditEntries.Where(e => e.Id > Math.Max(headNow, head.LastEntryId)).OrderBy(e => e.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
        verification.Complete(head, outside);
        return new AuditChainReport(verification.IsIntact, verification.CheckedCount, verification.FirstBrokenEntryId, verification.Break, checkpoint);
    }

    /// <summary>Feeds the entries after <paramref name="afterId"/> up to <paramref name="lastId"/>, in id order and in batches, until one does not fit.</summary>
    internal static async Task WalkAsync(
        ProcurementDbContext db, AuditChainVerification verification, long afterId, long lastId, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        while (verification.IsIntact)
        {
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Id > afterId && e.Id <= lastId)
                .OrderBy(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var entry in batch)
            {
                if (!verification.Check(entry))
                {
                    break;
                }
            }

            afterId = batch[^1].Id;
            progress?.Report(verification.CheckedCount);
        }
    }
}
