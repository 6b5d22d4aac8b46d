namespace Diqing.Procurement.Application.Common;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);

public abstract record PagedQuery
{
    public const int MaxPageSize = 200;

    /// <summary>Zero-based page index.</summary>
    public int Page { get; init; }

    public int PageSize { get; init; } = 20;

    public int Skip => Math.Max(0, Page) * Take;

    public int Take => Math.Clamp(PageSize, 1, MaxPageSize);
}
