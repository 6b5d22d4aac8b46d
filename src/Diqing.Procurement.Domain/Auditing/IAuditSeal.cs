namespace Diqing.Procurement.Domain.Auditing;

/// <summary>
/// The keyed MAC that seals audit entries and checkpoints. The domain only knows that a seal exists and that it
/// names its key; the algorithm (HMAC-SM3) and the key, kept outside the database, belong to the infrastructure.
/// </summary>
public interface IAuditSeal
{
    /// <summary>The key new entries are sealed with; older keys stay known so that older entries still verify.</summary>
    string CurrentKeyId { get; }

    /// <returns>The MAC as 64 lower-case hex digits, or null when <paramref name="keyId"/> is not a known key.</returns>
    string? Compute(string keyId, ReadOnlySpan<byte> content);
}
