using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Reports;

public enum SpendingCategory
{
    Personnel = 1,
    Activities = 2,
    Materials = 3,
    Administration = 4,
}

public sealed record IndicatorActual(string Indicator, decimal? Actual);

public sealed record PeopleServed(TargetGroup Group, int Count);

public sealed record Spending(SpendingCategory Category, decimal Amount);

/// <summary>
/// What an agency reports for a milestone (进度报告): the period, a narrative, the actual value of
/// each performance indicator, people served per target group and spending by category.
/// Immutable: each save replaces it, each submission freezes a copy as a version.
/// </summary>
public sealed record ReportContent(
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo,
    string? Narrative,
    IReadOnlyList<IndicatorActual> Indicators,
    IReadOnlyList<PeopleServed> People,
    IReadOnlyList<Spending> Spending)
{
    public static readonly ReportContent Empty = new(null, null, null, [], [], []);

    public decimal SpendingTotal => Spending.Sum(s => s.Amount);
}
