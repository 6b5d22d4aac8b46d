namespace Diqing.Procurement.Domain.Contracts;

/// <summary>A performance indicator (绩效指标) the agency reports against, e.g. "home visits: 300 times".</summary>
public sealed record PerformanceIndicator(string Name, string Unit, decimal Target);
