using Diqing.Procurement.Application.Features.Notifications;
using Diqing.Procurement.Domain.Notifications;
using Diqing.Procurement.Web.Components.Layout;

namespace Diqing.Procurement.Web.Tests.Components.Layout;

public sealed class NotificationLinksTests
{
    [Theory]
    [InlineData(NotificationKind.ReportReturned, true, "reports/milestone/12")]
    [InlineData(NotificationKind.ReportApproved, true, "reports/milestone/12")]
    [InlineData(NotificationKind.ReportSubmitted, false, "reviews/7")]
    [InlineData(NotificationKind.ReportApproved, false, "reviews/7")]
    [InlineData(NotificationKind.MilestoneDueSoon, true, "my-work")]
    [InlineData(NotificationKind.MilestoneOverdue, true, "my-work")]
    public void A_notification_leads_to_the_page_it_is_about(NotificationKind kind, bool agencyUser, string expected)
    {
        var notification = new NotificationItem(1, kind, "DQMZ-2026-0002 独居老人康乐屋", "中期", 3, 7, 12, DateTime.UtcNow, false);

        Assert.Equal(expected, NotificationLinks.For(notification, agencyUser));
    }
}
