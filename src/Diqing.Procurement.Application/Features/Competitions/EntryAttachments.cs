using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Attachments;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Files;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>
/// Files of a competition entry (plans, budgets, letters of support): added and removed by its agency while the entry is
/// a draft and the competition takes entries; read by whoever may read the entry — its agency, the bureau and the judges
/// assigned to it without a conflict. Same upload rules as report files.
/// </summary>
public sealed class EntryAttachmentsHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory,
    ICurrentUser currentUser,
    IFileStore files,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<AttachmentInfo>> ListAsync(int entryId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await CompetitionAccess.VisibleEntryAsync(db, currentUser, entryId, cancellationToken); // the entry's own visibility rules, or "not found"
        return await AttachmentInfo.List(db.Attachments.AsNoTracking().Where(a => a.EntryId == entryId)).ToListAsync(cancellationToken);
    }

    public async Task<AttachmentInfo> UploadAsync(int entryId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await DemandChangeableAsync(db, entryId, cancellationToken);
        return await AttachmentIntake.AddAsync(db, files, db.Attachments.Where(a => a.EntryId == entryId), content, (size, kind, sha256, key) =>
            Attachment.ForEntry(entryId, fileName, size, kind, sha256, key, currentUser.UserName!, clock.GetUtcNow().UtcDateTime), cancellationToken);
    }

    public async Task DeleteAsync(Guid attachmentId, CancellationToken cancellationToken = default)
    {
        currentUser.Demand(Roles.AgencyUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attachment = await db.Attachments.SingleOrDefaultAsync(a => a.Id == attachmentId && a.EntryId != null, cancellationToken)
            ?? throw new NotFoundException(nameof(Attachment), attachmentId);
        await DemandChangeableAsync(db, attachment.EntryId!.Value, cancellationToken);
        await AttachmentIntake.RemoveAsync(db, files, attachment, cancellationToken);
    }

    /// <summary>The entry's one rule (<see cref="CompetitionAccess.MayChange"/>), which <see cref="GetEntryHandler"/> also reports as CanChange.</summary>
    private async Task DemandChangeableAsync(ProcurementDbContext db, int entryId, CancellationToken cancellationToken)
    {
        var entry = await CompetitionAccess.OwnEntryAsync(db, currentUser, entryId, cancellationToken);
        var competition = await db.Competitions.AsNoTracking().SingleAsync(c => c.Id == entry.CompetitionId, cancellationToken);
        if (!currentUser.MayChange(competition, entry, clock.GetUtcNow().UtcDateTime))
        {
            throw new DomainException(entry.IsDraft ? "Entry.OutsideWindow" : "Entry.AlreadySubmitted");
        }
    }
}
