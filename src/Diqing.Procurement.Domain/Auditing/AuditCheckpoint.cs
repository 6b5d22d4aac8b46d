using System.Globalization;
using System.Text;

namespace Diqing.Procurement.Domain.Auditing;

/// <summary>
/// A signed statement "at <see cref="CreatedAtUtc"/> the chain ended at entry <see cref="Sequence"/> with MAC
/// <see cref="Mac"/>" (R-31), kept outside the database. Someone who deletes the newest entries and moves the head back
/// can make the rest of the chain consistent, but not the checkpoints written before: verification compares the chain
/// with the latest one.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, string Mac, DateTime CreatedAtUtc, string KeyId, string Signature)
{
    public static AuditCheckpoint Create(long sequence, string mac, DateTime createdAtUtc, IAuditSeal seal)
    {
        var keyId = seal.CurrentKeyId;
        var utc = DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc);
        var signature = seal.Compute(keyId, Content(sequence, mac, utc, keyId))
            ?? throw new InvalidOperationException("The audit seal does not know its own current key.");
        return new AuditCheckpoint(sequence, mac, utc, keyId, signature);
    }

    public bool IsSignedBy(IAuditSeal seal) =>
        seal.Compute(KeyId, Content(Sequence, Mac, CreatedAtUtc, KeyId)) is { } expected && AuditEntry.MacEquals(expected, Signature);

    // A leading tag keeps a checkpoint's signature from ever being mistaken for an entry's MAC (entries start with their id).
    private static byte[] Content(long sequence, string mac, DateTime createdAtUtc, string keyId) => Encoding.UTF8.GetBytes(string.Join(
        '\u001f',
        "audit-checkpoint",
        sequence.ToString(CultureInfo.InvariantCulture),
        mac,
        createdAtUtc.Ticks.ToString(CultureInfo.InvariantCulture),
        keyId));
}
