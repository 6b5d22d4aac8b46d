using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Diqing.Procurement.Domain.Auditing;

/// <summary>
/// One entry of the append-only, hash-chained audit log. <see cref="Id"/> is the entry's
/// position in the chain (1, 2, 3, … without gaps); <see cref="Hash"/> covers the entry's
/// content and <see cref="PreviousHash"/>, so any edit or deletion breaks the chain.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The previous hash of the first entry in the chain.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private AuditEntry()
    {
        EntityType = string.Empty;
        Changes = string.Empty;
        PreviousHash = GenesisHash;
        Hash = GenesisHash;
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
        string previousHash)
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
        UserName = userName;
        Action = action;
        EntityType = entityType;
        EntityKey = entityKey;
        Changes = changes;
        PreviousHash = previousHash;
        Hash = ComputeHash();
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

    public string PreviousHash { get; private set; }

    public string Hash { get; private set; }

    /// <summary>Recomputes the hash from the stored content; differs from <see cref="Hash"/> after tampering.</summary>
    public string ComputeHash()
    {
        var canonical = string.Join(
            '\u001f',
            Id.ToString(CultureInfo.InvariantCulture),
            OccurredAtUtc.Ticks.ToString(CultureInfo.InvariantCulture),
            UserId ?? string.Empty,
            UserName ?? string.Empty,
            Action.ToString(),
            EntityType,
            EntityKey ?? string.Empty,
            Changes,
            PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    // Both providers store at least microsecond precision; truncating keeps the hash stable after a round trip.
    private static DateTime TruncateToMicroseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);
}
