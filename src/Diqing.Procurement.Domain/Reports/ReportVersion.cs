namespace Diqing.Procurement.Domain.Reports;

/// <summary>A submitted report, frozen: what the agency sent and what the reviewer answered.</summary>
public class ReportVersion
{
    private ReportVersion()
    {
        Content = ReportContent.Empty;
        SubmittedBy = string.Empty;
    }

    internal ReportVersion(int number, ReportContent content, string submittedBy, DateTime submittedAtUtc)
    {
        Number = number;
        Content = content;
        SubmittedBy = submittedBy;
        SubmittedAtUtc = submittedAtUtc;
    }

    public int Id { get; private set; }

    public int ReportId { get; private set; }

    public int Number { get; private set; }

    public ReportContent Content { get; private set; }

    public string SubmittedBy { get; private set; }

    public DateTime SubmittedAtUtc { get; private set; }

    public ReviewOutcome? Outcome { get; private set; }

    /// <summary>The reviewer's general comment.</summary>
    public string? ReviewComment { get; private set; }

    /// <summary>Comments next to fields, by field name (e.g. "Narrative", "Indicators", "Spending").</summary>
    public IReadOnlyDictionary<string, string> FieldComments { get; private set; } = new Dictionary<string, string>();

    public string? ReviewedBy { get; private set; }

    public DateTime? ReviewedAtUtc { get; private set; }

    internal void Review(ReviewOutcome outcome, string reviewer, string? comment, IReadOnlyDictionary<string, string> fieldComments, DateTime atUtc)
    {
        Outcome = outcome;
        ReviewedBy = reviewer;
        ReviewComment = comment;
        FieldComments = fieldComments;
        ReviewedAtUtc = atUtc;
    }
}
