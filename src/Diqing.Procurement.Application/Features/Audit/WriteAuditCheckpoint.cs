using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Infrastructure.Auditing;
using Diqing.Procurement.Infrastructure.Hosting;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Diqing.Procurement.Application.Features.Audit;

/// <summary>
/// Writes signed checkpoints of the audit chain head (sequence, MAC, time) outside the database: once a China day
/// from the hosted job, and at every audit export. A new checkpoint is written only when the chain since the latest one
/// verifies and extends it, so a cut-back or rewritten chain never gets a fresh checkpoint that would hide it.
/// No user request reaches this class, so it authorises nobody; its callers do.
/// </summary>
public sealed class AuditCheckpoints(
    IDbContextFactory<ProcurementDbContext> dbFactory, AuditCheckpointStore store, IAuditSeal seal, TimeProvider clock, ILogger<AuditCheckpoints> logger)
{
    /// <summary>Signs and stores the current head.</summary>
    /// <returns>The new checkpoint, or null (and an error in the log) when the chain no longer extends the latest checkpoint.</returns>
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken cancellationToken = default)
    {
        var latest = store.Latest();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(cancellationToken);
        if (latest is not null && await ExtendsAsync(db, latest, head, cancellationToken) is { } problem)
        {
            logger.LogError(
                "Audit checkpoint refused: the chain does not extend the latest checkpoint (entry {Sequence}, {CreatedAt:u}): {Break} at entry {EntryId}. Verify the audit chain.",
                latest.Sequence, latest.CreatedAtUtc, problem.Break, problem.FirstBrokenEntryId);
            return null;
        }

        var checkpoint = AuditCheckpoint.Create(head.LastEntryId, head.LastMac, clock.GetUtcNow().UtcDateTime, seal);
        store.Write(checkpoint);
        return checkpoint;
    }

    /// <summary>The daily checkpoint: written unless one was already written today (China date). Safe to call often.</summary>
    /// <returns>The new checkpoint, or null when today's exists or the chain was refused.</returns>
    public async Task<AuditCheckpoint?> WriteDailyAsync(CancellationToken cancellationToken = default)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        return store.Latest() is { } latest && ChinaTime.DateOf(latest.CreatedAtUtc) == today
            ? null
            : await WriteAsync(cancellationToken);
    }

    private async Task<AuditChainVerification?> ExtendsAsync(ProcurementDbContext db, AuditCheckpoint latest, AuditChainHead head, CancellationToken cancellationToken)
    {
        var verification = AuditChainVerification.After(latest, seal);
        if (!latest.IsSignedBy(seal))
        {
            verification.Complete(head);
            return verification;
        }

        await VerifyAuditChainHandler.WalkAsync(db, verification, latest.Sequence, head.LastEntryId, progress: null, cancellationToken);
        verification.Complete(head);
        return verification.IsIntact ? null : verification;
    }
}

/// <summary>
/// The daily checkpoint as a job that runs once a day on one of the app's instances (<see cref="IDailyJob"/>, a lease in
/// the database); <see cref="AuditCheckpoints.WriteDailyAsync"/> itself also skips a day that has its checkpoint.
/// </summary>
public sealed class DailyAuditCheckpoint(AuditCheckpoints checkpoints) : IDailyJob
{
    public static string LeaseName => "audit-checkpoint";

    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        await checkpoints.WriteDailyAsync(cancellationToken) is { } written
            ? $"Audit checkpoint written: entry {written.Sequence}."
            : "No audit checkpoint written (today's exists, or the chain does not extend the latest: see the errors above).";
}
