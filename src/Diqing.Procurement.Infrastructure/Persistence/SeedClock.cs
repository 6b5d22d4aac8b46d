namespace Diqing.Procurement.Infrastructure.Persistence;

/// <summary>
/// The app's clock: the system's, except inside demo seeding, which sets the instant each demo step happened at so
/// that the demo's history (signing, reports, approvals, payments, audit entries) is dated as a real year would be,
/// and the money-date rules hold for it as for any user. The override lives in an <see cref="AsyncLocal{T}"/>:
/// it reaches only the seeding's own calls, never a request or a circuit.
/// </summary>
public sealed class SeedClock : TimeProvider
{
    private static readonly AsyncLocal<DateTimeOffset?> Instant = new();

    private SeedClock()
    {
    }

    public static SeedClock Instance { get; } = new();

    /// <summary>The instant demo seeding has set for the calling flow, if any (a test's own clock honours it too).</summary>
    public static DateTimeOffset? Override => Instant.Value;

    public override DateTimeOffset GetUtcNow() => Instant.Value ?? System.GetUtcNow();

    /// <summary>From here on in the calling flow, "now" is <paramref name="utc"/> (never later than the real now).</summary>
    public static void Set(DateTime utc)
    {
        var instant = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        Instant.Value = instant < System.GetUtcNow() ? instant : null;
    }

    public static void Reset() => Instant.Value = null;
}
