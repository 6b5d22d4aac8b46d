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
    TimeProvider clock,
    EntriesHandler entries)
{
    public async Task<IReadOnlyList<AttachmentInfo>> ListAsync(int entryId, CancellationToken cancellationToken = default)
    {
        await entries.GetAsync(entryId, cancellationToken); // the entry's own visibility rules, or "not found"
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await AttachmentInfo.List(db.Attachments.AsNoTracking().Where(a => a.EntryId == entryId)).ToListAsync(cancellationToken);
    }

    /// <summary>Whether the current user may add or remove files of this entry now (for showing the controls): the same rule as the changes.</summary>
    public async Task<bool> CanChangeAsync(int entryId, CancellationToken cancellationToken = default)
    {
        if (!currentUser.IsInRole(Roles.AgencyUser))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await RefusalAsync(db, entryId, cancellationToken) is null;
    }

    public async Task<AttachmentInfo> UploadAsync(int entryId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await DemandChangeableAsync(db, entryId, cancellationToken);
        AttachmentIntake.DemandRoom(await db.Attachments.CountAsync(a => a.EntryId == entryId, cancellationToken));
        var attachment = await AttachmentIntake.AcceptAsync(db, files, content, (size, kind, sha256, key) =>
            Attachment.ForEntry(entryId, fileName, size, kind, sha256, key, currentUser.UserName!, clock.GetUtcNow().UtcDateTime), cancellationToken);
        return AttachmentInfo.Of(attachment);
    }

    public async Task DeleteAsync(Guid attachmentId, CancellationToken cancellationToken = default)
    {
        currentUser.Demand(Roles.AgencyUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attachment = await db.Attachments.SingleOrDefaultAsync(a => a.Id == attachmentId && a.EntryId != null, cancellationToken)
            ?? throw new NotFoundException(nameof(Attachment), attachmentId);
        await DemandChangeableAsync(db, attachment.EntryId!.Value, cancellationToken);
        db.Attachments.Remove(attachment);
        await db.SaveChangesAsync(cancellationToken);
        files.Delete(attachment.StorageKey);
    }

    private async Task DemandChangeableAsync(ProcurementDbContext db, int entryId, CancellationToken cancellationToken)
    {
        currentUser.Demand(Roles.AgencyUser);
        if (await RefusalAsync(db, entryId, cancellationToken) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>The one rule: the entry is the user's agency's, still a draft, and the competition takes entries.</summary>
    private async Task<Exception?> RefusalAsync(ProcurementDbContext db, int entryId, CancellationToken cancellationToken)
    {
        if (currentUser.AgencyId is not { } agencyId)
        {
            return new ForbiddenAccessException();
        }

        var entry = await db.CompetitionEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId && e.AgencyId == agencyId, cancellationToken);
        if (entry is null)
        {
            return new NotFoundException(nameof(CompetitionEntry), entryId);
        }

        if (entry.Status != EntryStatus.Draft)
        {
            return new DomainException("Entry.AlreadySubmitted");
        }

        var phase = await db.Competitions.Where(c => c.Id == entry.CompetitionId).Select(c => c.Phase).SingleAsync(cancellationToken);
        return phase == CompetitionPhase.OpenForEntries ? null : new DomainException("Entry.OutsideWindow");
    }
}
