using Diqing.Procurement.Domain.Security;

namespace Diqing.Procurement.Application.Features.Announcements;

/// <summary>R-01 for the welfare-lottery fund announcement: the bureau drafts and publishes it, the auditor reads it; the public reads published ones only (Features/Disclosure).</summary>
public static class AnnouncementAccess
{
    public const string Editors = Roles.Sets.BureauStaff;
    public const string Readers = Editors + "," + Roles.Auditor;
}
