using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Notifications;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Infrastructure.Hosting;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Notifications;

/// <summary>
/// Tells agency users when a milestone without an approved report is due within 7 days or
/// overdue. Idempotent: each notice exists once per user and milestone. Runs once a day on
/// one of the app's instances (<see cref="IDailyJob"/>).
/// </summary>
public sealed class DeadlineNotices(IDbContextFactory<ProcurementDbContext> dbFactory, TimeProvider clock) : IDailyJob
{
    public const int DueSoonDays = 7;

    public static string LeaseName => "deadline-notices";

    async Task<string> IDailyJob.RunAsync(CancellationToken cancellationToken) => $"{await RunAsync(cancellationToken)} new notices.";

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = ChinaTime.DateOf(now).AddDays(DueSoonDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var milestones = await (
                from m in db.Milestones.AsNoTracking().Where(m => m.ReportApprovedAtUtc == null && m.DueOn <= horizon)
                join c in db.Contracts.Where(ContractStatuses.Running) on m.ContractId equals c.Id
                select new { MilestoneId = m.Id, m.Name, m.DueOn, ContractId = c.Id, c.Number, c.Title, c.AgencyId })
            .ToListAsync(cancellationToken);

        foreach (var m in milestones)
        {
            var overdue = Deadlines.IsOverdue(m.DueOn, false, now);
            var kind = overdue ? NotificationKind.MilestoneOverdue : NotificationKind.MilestoneDueSoon;
            var key = (overdue ? "overdue:" : "due-soon:") + m.MilestoneId;
            await Notifier.ToAgencyUsersAsync(db, m.AgencyId, userId => new Notification(
                userId, kind, $"{m.Number} {m.Title}", $"{m.Name} · {m.DueOn:yyyy-MM-dd}", m.ContractId, null, m.MilestoneId, key, now), cancellationToken);
        }

        var added = db.ChangeTracker.Entries<Notification>().Count();
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}
