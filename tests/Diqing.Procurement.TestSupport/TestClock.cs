namespace Diqing.Procurement.TestSupport;

/// <summary>
/// A clock a test sets: register it as the app's <see cref="TimeProvider"/> to put "now" inside or past a window.
/// Demo seeding still dates its history by its own days (<see cref="Infrastructure.Persistence.SeedClock"/>).
/// </summary>
public sealed class TestClock(DateTime utcNow) : TimeProvider
{
    public DateTime UtcNow { get; set; } = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);

    public override DateTimeOffset GetUtcNow() => Infrastructure.Persistence.SeedClock.Override ?? new(UtcNow, TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
