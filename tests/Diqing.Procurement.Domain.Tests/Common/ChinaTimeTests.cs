using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Tests.Common;

public class ChinaTimeTests
{
    [Fact]
    public void Utc_evening_is_the_next_china_day()
    {
        var utc = new DateTime(2026, 6, 30, 16, 30, 0, DateTimeKind.Utc);
        Assert.Equal(new DateOnly(2026, 7, 1), ChinaTime.DateOf(utc));
        Assert.Equal(new DateTime(2026, 7, 1, 0, 30, 0), ChinaTime.FromUtc(utc));
    }

    [Fact]
    public void China_day_starts_at_16_utc_the_day_before()
    {
        var start = ChinaTime.StartOfDayUtc(new DateOnly(2026, 1, 1));
        Assert.Equal(new DateTime(2025, 12, 31, 16, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(DateTimeKind.Utc, start.Kind);
    }

    [Theory]
    [InlineData(15, 59, 59, 30)]
    [InlineData(16, 0, 0, 31)]
    [InlineData(16, 1, 0, 31)]
    public void The_china_date_turns_at_16_utc(int hour, int minute, int second, int chinaDay) =>
        Assert.Equal(new DateOnly(2026, 12, chinaDay), ChinaTime.DateOf(new DateTime(2026, 12, 30, hour, minute, second, DateTimeKind.Utc)));
}
