namespace Diqing.Procurement.Domain.Contracts;

/// <summary>A milestone (里程碑) of a contract: kick-off, mid-term, completion… with its due China date.</summary>
public class Milestone
{
    private Milestone()
    {
        Name = string.Empty;
    }

    internal Milestone(string name, DateOnly dueOn, string? deliverables)
    {
        Name = name;
        DueOn = dueOn;
        Deliverables = deliverables;
    }

    public int Id { get; private set; }

    public int ContractId { get; private set; }

    public string Name { get; private set; }

    public DateOnly DueOn { get; private set; }

    /// <summary>Expected deliverables (预期成果).</summary>
    public string? Deliverables { get; private set; }

    /// <summary>When the bureau approved the milestone's report (UTC); null until then.</summary>
    public DateTime? ReportApprovedAtUtc { get; private set; }

    public bool IsReportApproved => ReportApprovedAtUtc is not null;

    internal void MarkReportApproved(DateTime approvedAtUtc) => ReportApprovedAtUtc = approvedAtUtc;
}
