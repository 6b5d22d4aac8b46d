namespace Diqing.Procurement.Web.Components.Pages.Reports.Components;

/// <summary>What the reviewer writes when returning a report: a general comment and optional comments by field.</summary>
public sealed record ReturnInput(string Comment, IReadOnlyDictionary<string, string> FieldComments);

/// <summary>The report fields a reviewer can comment on, by the names the report form shows them under.</summary>
public static class ReportFields
{
    public static readonly IReadOnlyList<string> Commentable = ["PeriodFrom", "Narrative", "Indicators", "People", "Spending"];
}
