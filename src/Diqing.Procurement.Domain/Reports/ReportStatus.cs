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
