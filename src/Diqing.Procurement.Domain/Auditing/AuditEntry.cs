using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Diqing.Procurement.Domain.Auditing;

/// <summary>
/// One entry of the append-only, MAC-chained audit log. <see cref="Id"/> is the entry's position in the
/// chain (1, 2, 3, … without gaps); <see cref="Mac"/> is a keyed MAC over the entry's content, its key id and
/// <see cref="PreviousMac"/>. Whoever edits a row without the key cannot compute a matching MAC, however many later
/// entries they rewrite.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The previous MAC of the first entry in the chain.</summary>
    public const string GenesisMac = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Key id of entries written before R-31 (plain SHA-256 chain), until the one-time re-chain seals them.</summary>
    public const string LegacyKeyId = "";

    public const int MaxUserNameLength = 256;
    public const int MaxEntityKeyLength = 100;

    private AuditEntry()
    {
        EntityType = string.Empty;
        Changes = string.Empty;
        KeyId = LegacyKeyId;
        PreviousMac = GenesisMac;
        Mac = GenesisMac;
    }

    public AuditEntry(
        long id,
        DateTime occurredAtUtc,
        string? userId,
        string? userName,
        AuditAction action,
        string entityType,
        string? entityKey,
        string changes,
        string previousMac,
        IAuditSeal seal)
    {
        if (id < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(id));
        }

        if (occurredAtUtc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Audit times are UTC.", nameof(occurredAtUtc));
        }

        Id = id;
        OccurredAtUtc = TruncateToMicroseconds(occurredAtUtc);
        UserId = userId;
        // Whatever reaches the log is bounded (a typed user name of a failed login is the caller's, not ours).
        UserName = Cap(userName, MaxUserNameLength);
        Action = action;
        EntityType = entityType;
        EntityKey = Cap(entityKey, MaxEntityKeyLength);
        Changes = changes;
        PreviousMac = previousMac;
        KeyId = seal.CurrentKeyId;
        Mac = seal.Compute(KeyId, Content()) ?? throw new InvalidOperationException("The audit seal does not know its own current key.");
    }

    public long Id { get; private set; }

    public DateTime OccurredAtUtc { get; private set; }

    public string? UserId { get; private set; }

    public string? UserName { get; private set; }

    public AuditAction Action { get; private set; }

    public string EntityType { get; private set; }

    public string? EntityKey { get; private set; }

    /// <summary>JSON: for entity changes, a list of { property, old, new }; for events, their details.</summary>
    public string Changes { get; private set; }

    /// <summary>Which key sealed this entry (keys rotate; the key itself is never stored in the database).</summary>
    public string KeyId { get; private set; }

    public string PreviousMac { get; private set; }

    public string Mac { get; private set; }

    /// <summary>The bytes the MAC covers: every stored field but the MAC itself, unambiguously separated.</summary>
    public byte[] Content() => Encoding.UTF8.GetBytes(string.Join(
        '\u001f',
        Id.ToString(CultureInfo.InvariantCulture),
        OccurredAtUtc.Ticks.ToString(CultureInfo.InvariantCulture),
        UserId ?? string.Empty,
        UserName ?? string.Empty,
        Action.ToString(),
        EntityType,
        EntityKey ?? string.Empty,
        Changes,
        KeyId,
        PreviousMac));

    /// <summary>
    /// The one-time re-chain of an entry written before R-31 (plain SHA-256 chain): seals its stored content, unchanged,
    /// with the current key behind <paramref name="previousMac"/>. Entries that already have a key cannot be resealed.
    /// </summary>
    public void SealLegacy(string previousMac, IAuditSeal seal)
    {
        if (KeyId != LegacyKeyId)
        {
            throw new InvalidOperationException("Only entries written before the audit MAC can be sealed again.");
        }

        KeyId = seal.CurrentKeyId;
        PreviousMac = previousMac;
        Mac = seal.Compute(KeyId, Content()) ?? throw new InvalidOperationException("The audit seal does not know its own current key.");
    }

    /// <summary>Null when the entry's key is unknown; otherwise whether the stored MAC matches the stored content.</summary>
    public bool? IsSealedBy(IAuditSeal seal) =>
        seal.Compute(KeyId, Content()) is { } expected ? MacEquals(expected, Mac) : null;

    /// <summary>Compares two MACs in time independent of where they differ.</summary>
    public static bool MacEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static string? Cap(string? value, int length) => value is { Length: var n } && n > length ? value[..length] : value;

    // Both providers store at least microsecond precision; truncating keeps the MAC stable after a round trip.
    private static DateTime TruncateToMicroseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);
}
