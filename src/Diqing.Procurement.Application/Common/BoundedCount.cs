using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Common;

public static class BoundedCount
{
    /// <summary>
    /// Counts at most <see cref="PagedQuery.CountLimit"/> rows (<c>SELECT COUNT(*) FROM (… LIMIT n + 1)</c>), so a
    /// filter that matches most of a million rows costs a bounded index walk, not a full count; the result says
    /// whether the count stopped early ("10,000+").
    /// </summary>
    public static async Task<(int Count, bool IsLowerBound)> CountBoundedAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default)
    {
        var count = await source.Take(PagedQuery.CountLimit + 1).CountAsync(cancellationToken);
        return count > PagedQuery.CountLimit ? (PagedQuery.CountLimit, true) : (count, false);
    }
}
