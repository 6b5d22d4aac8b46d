using Diqing.Procurement.Domain.Announcements;
using Diqing.Procurement.Domain.Funding;

namespace Diqing.Procurement.Domain.Tests.Announcements;

public sealed class AnnouncementFiguresTests
{
    [Theory]
    [InlineData(FiscalLevel.County, "民政部", "中央专项", FiscalLevel.County)] // a recorded level wins
    [InlineData(null, "民政部", "专项彩票公益金", FiscalLevel.Central)]
    [InlineData(null, null, "2025年中央专项彩票公益金", FiscalLevel.Central)]
    [InlineData(null, "云南省民政厅", "福彩公益金", FiscalLevel.Provincial)]
    [InlineData(null, null, "2026年州本级福彩公益金", FiscalLevel.Prefecture)]
    [InlineData(null, "德钦县财政局", "福彩公益金", FiscalLevel.County)]
    [InlineData(null, null, "福彩公益金", null)]
    public void The_level_comes_from_the_fiscal_level_then_the_grantor_then_the_name(FiscalLevel? level, string? grantor, string name, FiscalLevel? expected) =>
        Assert.Equal(expected, AnnouncementFigures.LevelOf(level, grantor, name));

    [Fact]
    public void Execution_rate_is_paid_over_allocated_and_balances_carry_forward_what_is_unpaid()
    {
        var figures = new AnnouncementFigures(
            [new ReceivedLine(FiscalLevel.Prefecture, null, "州本级", "1", 300_000m), new ReceivedLine(FiscalLevel.Central, "民政部", "中央", "2", 200_000m),
             new ReceivedLine(FiscalLevel.Prefecture, null, "州本级二", "3", 50_000m)],
            [new ProjectLine("A", "甲", "机构", [], 150_000m, 150_000m, 224, []), new ProjectLine("B", "乙", "机构", [], 120_000m, 84_000m, 148, []),
             new ProjectLine("C", "丙", "机构", [], 0m, 0m, 0, [])],
            [new BalanceLine("州本级", 300_000m, 190_000m, 178_000m), new BalanceLine("中央", 200_000m, 80_000m, 56_000m)]);

        Assert.Equal(0.7m, figures.Projects[1].ExecutionRate);
        Assert.Equal(0m, figures.Projects[2].ExecutionRate);
        Assert.Equal(234_000m / 270_000m, figures.ExecutionRate);
        Assert.Equal([(FiscalLevel.Central, 200_000m), (FiscalLevel.Prefecture, 350_000m)], figures.ReceivedByLevel());
        Assert.Equal(266_000m, figures.CarriedForwardTotal);
        Assert.Equal((12_000m, 110_000m), (figures.Balances[0].AllocatedUnpaid, figures.Balances[0].Unallocated));
    }
}
