using Diqing.Procurement.Domain.Security;

namespace Diqing.Procurement.Web.Components.Pages.Reports;

/// <summary>Who may open the report pages beyond the handlers' own writer/reviewer sets (the handlers check again).</summary>
public static class ReportPages
{
    /// <summary>The review page: reviewers act; other bureau staff and auditors read (the handler's readers, less agency users).</summary>
    public const string ReviewReaders = Roles.Sets.BureauStaff + "," + Roles.Auditor;

    /// <summary>The overdue milestones: bureau staff and auditors, as OverdueMilestonesHandler demands.</summary>
    public const string OverdueReaders = Roles.Sets.BureauStaff + "," + Roles.Auditor;
}
