namespace Diqing.Procurement.Application.Common;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount)
{
    /// <summary>True when counting stopped at <see cref="PagedQuery.CountLimit"/>: there are at least that many (shown "10,000+").</summary>
    public bool TotalIsLowerBound { get; init; }
}

public abstract record PagedQuery
{
    public const int MaxPageSize = 200;

    /// <summary>Lists count matches up to this many; beyond it the total is shown as "10,000+" and paging stops there.</summary>
    public const int CountLimit = 10_000;

    /// <summary>Zero-based page index.</summary>
    public int Page { get; init; }

    public int PageSize { get; init; } = 20;

    public int Skip => Math.Max(0, Page) * Take;

    public int Take => Math.Clamp(PageSize, 1, MaxPageSize);
}
