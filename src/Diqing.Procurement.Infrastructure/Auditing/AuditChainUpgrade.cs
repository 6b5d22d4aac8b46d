using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Diqing.Procurement.Infrastructure.Auditing;

/// <summary>
/// Once, at the first start after R-31: seals the entries of the old plain SHA-256 chain with the audit key, in order,
/// content unchanged, and records the re-chain itself as an audit event that says whether the old chain was intact
/// (and where it was not), so that a tampered history is not silently laundered. One transaction: all or nothing.
/// </summary>
public static class AuditChainUpgrade
{
    public const string Subject = "AuditLog";
    private const int BatchSize = 5_000;

    public static async Task RunAsync(ProcurementDbContext db, IAuditSeal seal, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (!await db.AuditEntries.AnyAsync(e => e.KeyId == AuditEntry.LegacyKeyId, cancellationToken))
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var legacyPrevious = AuditEntry.GenesisMac;
        var previousMac = AuditEntry.GenesisMac;
        long? firstBroken = null;
        long count = 0;
        long lastId = long.MinValue;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Id > lastId).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var entry in batch)
            {
                // The old chain's checks, before its hash is replaced: position, link and content.
                if (firstBroken is null && (entry.Id != count + 1 || entry.PreviousMac != legacyPrevious || LegacyHash(entry) != entry.Mac))
                {
                    firstBroken = entry.Id;
                }

                legacyPrevious = entry.Mac;
                entry.SealLegacy(previousMac, seal);
                await db.AuditEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(
                    s => s.SetProperty(e => e.KeyId, entry.KeyId).SetProperty(e => e.PreviousMac, entry.PreviousMac).SetProperty(e => e.Mac, entry.Mac),
                    cancellationToken);
                previousMac = entry.Mac;
                count++;
                lastId = entry.Id;
            }
        }

        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(cancellationToken);
        if (head.LastEntryId != lastId || head.LastMac != legacyPrevious)
        {
            firstBroken ??= Math.Min(head.LastEntryId, lastId) + 1;
        }

        await db.AuditChainHeads.ExecuteUpdateAsync(
            s => s.SetProperty(h => h.LastEntryId, lastId).SetProperty(h => h.LastMac, previousMac).SetProperty(h => h.Version, h => h.Version + 1),
            cancellationToken);
        db.RecordEvent(AuditAction.ChainMigrated, Subject, null, new
        {
            entries = count,
            algorithm = "HMAC-SM3",
            keyId = seal.CurrentKeyId,
            legacyChainIntact = firstBroken is null,
            firstBrokenLegacyEntryId = firstBroken,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (firstBroken is null)
        {
            logger.LogInformation("Audit log: {Count} entries of the old SHA-256 chain re-chained with HMAC-SM3 (key {KeyId}).", count, seal.CurrentKeyId);
        }
        else
        {
            logger.LogWarning(
                "Audit log: {Count} entries re-chained with HMAC-SM3, but the old SHA-256 chain was already broken at entry {EntryId}; the re-chain event records it.",
                count, firstBroken);
        }
    }

    /// <summary>The hash of the chain before R-31: SHA-256 over the fields and the previous hash (no key).</summary>
    internal static string LegacyHash(AuditEntry entry) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(
        '\u001f',
        entry.Id.ToString(CultureInfo.InvariantCulture),
        entry.OccurredAtUtc.Ticks.ToString(CultureInfo.InvariantCulture),
        entry.UserId ?? string.Empty,
        entry.UserName ?? string.Empty,
        entry.Action.ToString(),
        entry.EntityType,
        entry.EntityKey ?? string.Empty,
        entry.Changes,
        entry.PreviousMac))));
}
