using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Notifications;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Notifications;

public sealed record NotificationItem(long Id, NotificationKind Kind, string Subject, string? Detail, int? ContractId, int? ReportId, int? MilestoneId, DateTime CreatedAtUtc, bool IsRead);

/// <summary>The signed-in user's own notifications, and only theirs.</summary>
public sealed class ReadNotificationsHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<IReadOnlyList<NotificationItem>> ListAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        var userId = Me();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == userId)
            .OrderBy(n => n.ReadAtUtc != null).ThenByDescending(n => n.CreatedAtUtc)
            .Take(take)
            .Select(n => new NotificationItem(n.Id, n.Kind, n.Subject, n.Detail, n.ContractId, n.ReportId, n.MilestoneId, n.CreatedAtUtc, n.ReadAtUtc != null))
            .ToListAsync(cancellationToken);
    }

    public async Task<int> UnreadCountAsync(CancellationToken cancellationToken = default)
    {
        if (!currentUser.IsAuthenticated)
        {
            return 0;
        }

        var userId = Me();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null, cancellationToken);
    }

    public async Task MarkReadAsync(long id, CancellationToken cancellationToken = default)
    {
        var userId = Me();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken)
            ?? throw new NotFoundException(nameof(Notification), id);
        notification.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task MarkAllReadAsync(CancellationToken cancellationToken = default)
    {
        var userId = Me();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var notification in await db.Notifications.Where(n => n.UserId == userId && n.ReadAtUtc == null).ToListAsync(cancellationToken))
        {
            notification.MarkRead(now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private string Me() => currentUser.UserId ?? throw new ForbiddenAccessException();
}
