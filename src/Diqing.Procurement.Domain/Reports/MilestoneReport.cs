using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Reports;

/// <summary>
/// The progress report of one milestone. The agency edits a working copy while it is a draft or
/// returned; submitting freezes it as a new version and makes it read-only for the agency;
/// the bureau returns it with comments or approves it.
/// </summary>
public class MilestoneReport
{
    private readonly List<ReportVersion> _versions = [];

    private MilestoneReport()
    {
        Content = ReportContent.Empty;
    }

    public MilestoneReport(int contractId, int milestoneId, int agencyId, DateTime createdAtUtc)
    {
        ContractId = contractId;
        MilestoneId = milestoneId;
        AgencyId = agencyId;
        Status = ReportStatus.Draft;
        Content = ReportContent.Empty;
        DraftSavedAtUtc = createdAtUtc;
    }

    public int Id { get; private set; }

    public int ContractId { get; private set; }

    public int MilestoneId { get; private set; }

    /// <summary>Copied from the contract: the only agency whose users may write this report .</summary>
    public int AgencyId { get; private set; }

    public ReportStatus Status { get; private set; }

    /// <summary>The working copy (the draft, or the text being reworked after a return).</summary>
    public ReportContent Content { get; private set; }

    public DateTime DraftSavedAtUtc { get; private set; }

    public DateTime? LastSubmittedAtUtc { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<ReportVersion> Versions => _versions;

    public ReportVersion? Latest => _versions.Count == 0 ? null : _versions.MaxBy(v => v.Number);

    public bool IsEditableByAgency => Status.IsEditableByAgency();

    public bool IsAwaitingReview => Status.IsAwaitingReview();

    public void SaveDraft(ReportContent content, DateTime atUtc)
    {
        if (!IsEditableByAgency)
        {
            throw new DomainException("Report.ReadOnly");
        }

        Content = content;
        DraftSavedAtUtc = atUtc;
        Version++;
    }

    /// <summary>Freezes the working copy as the next version. Completeness is checked by the submit validator first.</summary>
    public ReportVersion Submit(string submittedBy, DateTime atUtc)
    {
        if (!IsEditableByAgency)
        {
            throw new DomainException("Report.ReadOnly");
        }

        var version = new ReportVersion(_versions.Count + 1, Content, submittedBy, atUtc);
        _versions.Add(version);
        Status = version.Number == 1 ? ReportStatus.Submitted : ReportStatus.Resubmitted;
        LastSubmittedAtUtc = atUtc;
        Version++;
        return version;
    }

    public void Return(string reviewer, string comment, IReadOnlyDictionary<string, string> fieldComments, DateTime atUtc)
    {
        RequireAwaitingReview();
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new DomainException("Report.ReturnNeedsComment");
        }

        Latest!.Review(ReviewOutcome.Returned, reviewer, comment.Trim(), fieldComments, atUtc);
        Status = ReportStatus.Returned;
        Version++;
    }

    public void Approve(string reviewer, string? comment, DateTime atUtc)
    {
        RequireAwaitingReview();
        Latest!.Review(ReviewOutcome.Approved, reviewer, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), new Dictionary<string, string>(), atUtc);
        Status = ReportStatus.Approved;
        Version++;
    }

    private void RequireAwaitingReview()
    {
        if (!IsAwaitingReview)
        {
            throw new DomainException("Report.NotAwaitingReview");
        }
    }
}
