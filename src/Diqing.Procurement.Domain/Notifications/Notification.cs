namespace Diqing.Procurement.Domain.Notifications;

public enum NotificationKind
{
    ReportSubmitted = 1,
    ReportReturned = 2,
    ReportApproved = 3,
    MilestoneDueSoon = 4,
    MilestoneOverdue = 5,
}

/// <summary>
/// An in-app message to one user. The text is not stored: the UI words it from <see cref="Kind"/>
/// and the subject names in the user's language. <see cref="DedupKey"/> makes a notice about the
/// same thing arrive once per user (e.g. "overdue:milestone 12").
/// </summary>
public class Notification
{
    private Notification()
    {
        UserId = string.Empty;
        DedupKey = string.Empty;
        Subject = string.Empty;
    }

    public Notification(string userId, NotificationKind kind, string subject, string? detail, int? contractId, int? reportId, int? milestoneId, string dedupKey, DateTime createdAtUtc)
    {
        UserId = userId;
        Kind = kind;
        Subject = subject;
        Detail = detail;
        ContractId = contractId;
        ReportId = reportId;
        MilestoneId = milestoneId;
        DedupKey = dedupKey;
        CreatedAtUtc = createdAtUtc;
    }

    public long Id { get; private set; }

    public string UserId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>Contract number and title, e.g. "DQMZ-2026-0001 独居老人康乐屋".</summary>
    public string Subject { get; private set; }

    /// <summary>Milestone name or a short detail.</summary>
    public string? Detail { get; private set; }

    public int? ContractId { get; private set; }

    public int? ReportId { get; private set; }

    public int? MilestoneId { get; private set; }

    public string DedupKey { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? ReadAtUtc { get; private set; }

    public void MarkRead(DateTime atUtc) => ReadAtUtc ??= atUtc;
}
