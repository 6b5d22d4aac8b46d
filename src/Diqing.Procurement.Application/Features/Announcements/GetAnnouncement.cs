using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Announcements;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Announcements;

/// <summary>
/// An announcement as a page shows it: a draft with the ledger's figures of now (the preview), a published one with its
/// frozen figures. <paramref name="PublishedBy"/> is null on the public page (no personal data).
/// </summary>
/// <param name="Exists">A draft has been saved for the year (otherwise the figures are a preview of an empty draft).</param>
/// <param name="CanEdit">The user may edit the narrative: a bureau editor and the announcement is not published.</param>
/// <param name="CanPublish">The user may publish it now: an editor, a saved draft with a narrative, and the year is over.</param>
public sealed record AnnouncementView(
    int Year,
    string Narrative,
    bool Exists,
    bool IsPublished,
    DateTime? PublishedAtUtc,
    string? PublishedBy,
    AnnouncementFigures Figures,
    long Version,
    bool CanEdit,
    bool CanPublish);

public sealed class GetAnnouncementHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<AnnouncementView> HandleAsync(int year, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(AnnouncementAccess.Readers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (announcement, figures) = await WelfareLotteryFigures.ForYearAsync(db, year, cancellationToken);
        var editor = currentUser.IsAnyOf(AnnouncementAccess.Editors);
        var published = announcement?.IsPublished == true;
        var yearOver = Domain.Common.ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime).Year > year;
        return new AnnouncementView(
            year, announcement?.Narrative ?? string.Empty, announcement is not null, published, announcement?.PublishedAtUtc, announcement?.PublishedBy,
            figures, announcement?.Version ?? 0, editor && !published,
            editor && announcement is { IsPublished: false } && !string.IsNullOrWhiteSpace(announcement.Narrative) && yearOver);
    }
}
