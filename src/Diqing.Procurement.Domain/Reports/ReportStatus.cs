namespace Diqing.Procurement.Domain.Reports;

/// <summary>Draft → Submitted → Returned → Resubmitted → Approved (the domain guide's report lifecycle).</summary>
public enum ReportStatus
{
    Draft = 1,
    Submitted = 2,
    Returned = 3,
    Resubmitted = 4,
    Approved = 5,
}

public enum ReviewOutcome
{
    Returned = 1,
    Approved = 2,
}

/// <summary>What a report's status means for who may act on it; <see cref="MilestoneReport"/> checks the same.</summary>
public static class ReportStatuses
{
    /// <summary>The agency may change and (re)submit it: a draft, or returned for revision .</summary>
    public static bool IsEditableByAgency(this ReportStatus status) => status is ReportStatus.Draft or ReportStatus.Returned;

    /// <summary>Submitted or resubmitted, waiting for the bureau's review.</summary>
    public static bool IsAwaitingReview(this ReportStatus status) => status is ReportStatus.Submitted or ReportStatus.Resubmitted;

    /// <summary>The bureau sees a report once it has been submitted; a draft is the agency's working material.</summary>
    public static bool IsVisibleToBureau(this ReportStatus status) => status != ReportStatus.Draft;
}
