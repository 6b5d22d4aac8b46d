namespace Diqing.Procurement.TestSupport;

/// <summary>A clock a test sets: register it as the app's <see cref="TimeProvider"/> to put "now" inside or past a window.</summary>
public sealed class TestClock(DateTime utcNow) : TimeProvider
{
    public DateTime UtcNow { get; set; } = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);

    public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
