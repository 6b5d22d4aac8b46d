namespace Diqing.Procurement.Web.Components.Pages.Dashboard;

/// <summary>A row of a dashboard chart's table: the values drawn, the same values as shown text, and the list that explains them.</summary>
public sealed record ChartRow(string Label, IReadOnlyList<decimal> Values, IReadOnlyList<string> Texts, string? Href, string? ShortLabel = null);
