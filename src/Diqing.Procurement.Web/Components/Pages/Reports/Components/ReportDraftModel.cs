using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;

namespace Diqing.Procurement.Web.Components.Pages.Reports.Components;

/// <summary>
/// The report form's editable values: one field per contract indicator, target group and spending
/// category, so the form always offers every line the submit validator asks for. Empty stays empty
/// (null), never 0: a draft may be incomplete.
/// </summary>
public sealed class ReportDraftModel
{
    public DateTime? PeriodFrom { get; set; }

    public DateTime? PeriodTo { get; set; }

    public string? Narrative { get; set; }

    public Dictionary<string, decimal?> Indicators { get; } = [];

    public Dictionary<TargetGroup, int?> People { get; } = [];

    public Dictionary<SpendingCategory, decimal?> Spending { get; } = [];

    public decimal SpendingTotal => Spending.Values.Sum(v => v ?? 0m);

    public static ReportDraftModel From(ReportContent content, IEnumerable<PerformanceIndicator> indicators, IEnumerable<TargetGroup> groups)
    {
        var model = new ReportDraftModel
        {
            PeriodFrom = content.PeriodFrom?.ToDateTime(TimeOnly.MinValue),
            PeriodTo = content.PeriodTo?.ToDateTime(TimeOnly.MinValue),
            Narrative = content.Narrative,
        };
        foreach (var indicator in indicators)
        {
            model.Indicators[indicator.Name] = content.Indicators.FirstOrDefault(a => a.Indicator == indicator.Name)?.Actual;
        }

        foreach (var group in groups)
        {
            model.People[group] = content.People.FirstOrDefault(p => p.Group == group)?.Count;
        }

        foreach (var category in Enum.GetValues<SpendingCategory>())
        {
            model.Spending[category] = content.Spending.FirstOrDefault(s => s.Category == category)?.Amount;
        }

        return model;
    }

    public ReportContent ToContent() => new(
        PeriodFrom is { } from ? DateOnly.FromDateTime(from) : null,
        PeriodTo is { } to ? DateOnly.FromDateTime(to) : null,
        string.IsNullOrWhiteSpace(Narrative) ? null : Narrative,
        Indicators.Select(i => new IndicatorActual(i.Key, i.Value)).ToList(),
        People.Where(p => p.Value is not null).Select(p => new PeopleServed(p.Key, p.Value!.Value)).ToList(),
        Spending.Where(s => s.Value is not null).Select(s => new Spending(s.Key, s.Value!.Value)).ToList());
}
