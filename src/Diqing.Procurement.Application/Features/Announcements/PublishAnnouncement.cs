using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Announcements;

/// <param name="Version">The draft version the user previewed: publishing a narrative someone changed since is refused.</param>
public sealed record PublishAnnouncementCommand(int Year, long Version);

/// <summary>
/// Publishes the year's draft (R-29: the page asks for confirmation first): the figures of this moment are frozen into
/// it, it becomes public, and the change is in the audit log like every save.
/// </summary>
public sealed class PublishAnnouncementHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task HandleAsync(PublishAnnouncementCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(AnnouncementAccess.Editors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var announcement = await db.WelfareLotteryAnnouncements.SingleOrDefaultAsync(a => a.Year == command.Year, cancellationToken)
            ?? throw new NotFoundException("WelfareLotteryAnnouncement", command.Year);
        if (announcement.Version != command.Version)
        {
            throw new DomainException("Error.Concurrency");
        }

        var figures = await WelfareLotteryFigures.ComputeAsync(db, command.Year, cancellationToken);
        announcement.Publish(figures, currentUser.UserName ?? string.Empty, clock.GetUtcNow().UtcDateTime);
        await db.SaveOrRefuseAsync("Error.Concurrency", cancellationToken);
    }
}
