using Diqing.Procurement.Domain.Announcements;
using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Tests.Announcements;

public sealed class WelfareLotteryAnnouncementTests
{
    private static readonly DateTime InMarch2026 = ChinaTime.ToUtc(new DateTime(2026, 3, 27, 10, 0, 0));

    private static AnnouncementFigures Figures(decimal paid = 84_000m) => new(
        [new ReceivedLine(Domain.Funding.FiscalLevel.Central, "民政部", "中央专项彩票公益金", "民财〔2025〕1号", 200_000m)],
        [new ProjectLine("DQMZ-2025-0001", "独居老人康乐屋", "德钦县社会工作服务中心", [TargetGroup.Elderly], 120_000m, paid, 148, [])],
        [new BalanceLine("中央专项彩票公益金", 200_000m, 120_000m, paid)]);

    [Fact]
    public void A_published_announcement_is_frozen()
    {
        var announcement = new WelfareLotteryAnnouncement(2025, "正文", InMarch2026);
        announcement.Publish(Figures(), "officer", InMarch2026);

        Assert.True(announcement.IsPublished);
        Assert.Equal(84_000m, announcement.Figures!.PaidTotal);
        Assert.Equal("Announcement.Frozen", Assert.Throws<DomainException>(() => announcement.EditNarrative("改写")).Code);
        Assert.Equal("Announcement.Frozen", Assert.Throws<DomainException>(() => announcement.Publish(Figures(120_000m), "officer", InMarch2026)).Code);
        Assert.Equal("正文", announcement.Narrative);
        Assert.Equal(84_000m, announcement.Figures.PaidTotal);
    }

    [Fact]
    public void A_year_is_published_only_after_it_ends_and_with_its_text()
    {
        var lastDay = ChinaTime.ToUtc(new DateTime(2025, 12, 31, 23, 59, 0));
        Assert.Equal("Announcement.YearNotOver", Assert.Throws<DomainException>(() => new WelfareLotteryAnnouncement(2025, "正文", lastDay).Publish(Figures(), "officer", lastDay)).Code);
        Assert.Equal("Announcement.NarrativeRequired", Assert.Throws<DomainException>(() => new WelfareLotteryAnnouncement(2025, "  ", InMarch2026).Publish(Figures(), "officer", InMarch2026)).Code);

        var firstMinute = ChinaTime.ToUtc(new DateTime(2026, 1, 1, 0, 0, 0));
        var announcement = new WelfareLotteryAnnouncement(2025, "正文", firstMinute);
        announcement.Publish(Figures(), "officer", firstMinute);
        Assert.True(announcement.IsPublished);
    }

    [Fact]
    public void The_text_has_a_limit()
    {
        var text = new string('字', WelfareLotteryAnnouncement.NarrativeMaxLength + 1);
        Assert.Equal("Announcement.NarrativeTooLong", Assert.Throws<DomainException>(() => new WelfareLotteryAnnouncement(2025, text, InMarch2026)).Code);
    }
}
