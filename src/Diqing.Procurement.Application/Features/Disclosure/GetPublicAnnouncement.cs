using Diqing.Procurement.Application.Features.Announcements;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Disclosure;

/// <summary>
/// A published welfare-lottery announcement for anyone (no login), with its frozen figures; null for a year that has
/// none or only a draft (the page answers "not found"). The publisher's name is left out: the bureau publishes.
/// </summary>
public sealed class GetPublicAnnouncementHandler(IDbContextFactory<ProcurementDbContext> dbFactory)
{
    public async Task<AnnouncementView?> HandleAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var a = await db.WelfareLotteryAnnouncements.AsNoTracking().Where(PublicDisclosure.Announcement).SingleOrDefaultAsync(x => x.Year == year, cancellationToken);
        return a is null
            ? null
            : new AnnouncementView(a.Year, a.Narrative, true, true, a.PublishedAtUtc, null, a.Figures!, a.Version, false, false);
    }

    /// <summary>The years with a published announcement, newest first.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WelfareLotteryAnnouncements.AsNoTracking().Where(PublicDisclosure.Announcement)
            .OrderByDescending(a => a.Year).Select(a => a.Year).ToListAsync(cancellationToken);
    }
}
