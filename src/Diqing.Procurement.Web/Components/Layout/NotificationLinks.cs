using Diqing.Procurement.Application.Features.Notifications;
using Diqing.Procurement.Domain.Notifications;

namespace Diqing.Procurement.Web.Components.Layout;

/// <summary>Where a notification leads: the report form for its agency, the review page for the bureau, "my work" for deadlines.</summary>
public static class NotificationLinks
{
    public static string For(NotificationItem notification, bool agencyUser) => notification switch
    {
        { Kind: NotificationKind.ReportReturned or NotificationKind.ReportApproved, MilestoneId: { } milestone } when agencyUser => $"reports/milestone/{milestone}",
        { Kind: NotificationKind.ReportSubmitted or NotificationKind.ReportReturned or NotificationKind.ReportApproved, ReportId: { } report } when !agencyUser => $"reviews/{report}",
        { Kind: NotificationKind.MilestoneDueSoon or NotificationKind.MilestoneOverdue } when agencyUser => "my-work",
        { ContractId: { } contract } => $"contracts/{contract}",
        _ => string.Empty,
    };
}
