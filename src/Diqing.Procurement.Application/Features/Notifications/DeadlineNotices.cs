using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Notifications;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Diqing.Procurement.Application.Features.Notifications;

/// <summary>
/// Tells agency users when a milestone without an approved report is due within 7 days or
/// overdue. Idempotent: each notice exists once per user and milestone.
/// </summary>
public sealed class DeadlineNotices(IDbContextFactory<ProcurementDbContext> dbFactory, TimeProvider clock)
{
    public const int DueSoonDays = 7;

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

/// <summary>Runs the deadline notices at start-up and then once a day.</summary>
public sealed class DeadlineNoticeService(IServiceScopeFactory scopes, ILogger<DeadlineNoticeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var added = await scope.ServiceProvider.GetRequiredService<DeadlineNotices>().RunAsync(stoppingToken);
                logger.LogInformation("Deadline notices: {Count} new.", added);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Deadline notices failed; they will be tried again tomorrow.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
