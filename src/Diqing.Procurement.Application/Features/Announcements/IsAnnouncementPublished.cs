using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Announcements;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Announcements;

/// <summary>
/// Whether the announcement of a year is published: for the dashboard's reminder (from 1 May until the prior year's
/// announcement is out, R-32). <see cref="PriorYearDue"/> answers that question for today's China date.
/// </summary>
public sealed class IsAnnouncementPublishedHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<bool> HandleAsync(int year, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(AnnouncementAccess.Readers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WelfareLotteryAnnouncements.AnyAsync(a => a.Year == year && a.Status == AnnouncementStatus.Published, cancellationToken);
    }

    /// <summary>The prior year when, today (China date), it is 1 May or later and its announcement is not published; otherwise null.</summary>
    public async Task<int?> PriorYearDueAsync(CancellationToken cancellationToken = default)
    {
        var today = Domain.Common.ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var prior = today.Year - 1;
        return today.Month >= 5 && !await HandleAsync(prior, cancellationToken) ? prior : null;
    }
}
