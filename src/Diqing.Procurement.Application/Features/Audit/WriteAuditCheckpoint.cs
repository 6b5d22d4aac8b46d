using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Infrastructure.Auditing;
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
/// Calls <see cref="AuditCheckpoints.WriteDailyAsync"/> at start-up and every hour; the method itself decides whether
/// today's checkpoint is still missing, so the job can run on any instance (or behind a lease that moves).
/// </summary>
public sealed class AuditCheckpointJob(IServiceScopeFactory scopes, ILogger<AuditCheckpointJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteDailyAsync(stoppingToken) is { } written)
                {
                    logger.LogInformation("Audit checkpoint written: entry {Sequence}.", written.Sequence);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The daily audit checkpoint failed; it will be tried again within the hour.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
