using Diqing.Procurement.Domain.Notifications;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Notifications;

/// <summary>Adds notifications to the caller's unit of work, so they are saved (or not) with the change they announce.</summary>
internal static class Notifier
{
    public static async Task ToAgencyUsersAsync(ProcurementDbContext db, int agencyId, Func<string, Notification> create, CancellationToken cancellationToken)
    {
        var userIds = await db.Users.Where(u => u.AgencyId == agencyId && !u.IsDeactivated).Select(u => u.Id).ToListAsync(cancellationToken);
        await AddNewAsync(db, userIds, create, cancellationToken);
    }

    public static async Task ToReviewersAsync(ProcurementDbContext db, Func<string, Notification> create, CancellationToken cancellationToken)
    {
        var userIds = await (
                from u in db.Users
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where r.Name == Roles.ProcurementOfficer && !u.IsDeactivated
                select u.Id)
            .Distinct().ToListAsync(cancellationToken);
        await AddNewAsync(db, userIds, create, cancellationToken);
    }

    private static async Task AddNewAsync(ProcurementDbContext db, List<string> userIds, Func<string, Notification> create, CancellationToken cancellationToken)
    {
        foreach (var userId in userIds)
        {
            var notification = create(userId);
            if (!await db.Notifications.AnyAsync(n => n.UserId == userId && n.DedupKey == notification.DedupKey, cancellationToken))
            {
                db.Notifications.Add(notification);
            }
        }
    }
}
