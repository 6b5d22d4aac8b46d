using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Infrastructure.Files;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Attachments;

/// <summary>
/// One download path for every attachment, authorised by its owner: a report's files by whoever may read the
/// report, a contract's by whoever may read the contract, an entry's by whoever may read the entry (R-19 for judges).
/// Anything else is "not found", never "forbidden", so ids leak nothing.
/// </summary>
public sealed class DownloadAttachmentHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, IFileStore files)
{
    public async Task<AttachmentDownload> HandleAsync(Guid attachmentId, CancellationToken cancellationToken = default)
    {
        if (!currentUser.IsAuthenticated)
        {
            throw new ForbiddenAccessException();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId, cancellationToken)
            ?? throw new NotFoundException(nameof(Attachment), attachmentId);
        var visible = attachment switch
        {
            { ReportId: int reportId } when currentUser.IsAnyOf(ReportAccess.Readers) =>
                await ReportAccess.MayReadFilesAsync(db, reportId, currentUser, cancellationToken),
            { ContractId: int contractId } when currentUser.IsAnyOf(ContractAccess.Readers) =>
                await db.Contracts.AsNoTracking().Visible(currentUser).AnyAsync(c => c.Id == contractId, cancellationToken),
            { EntryId: int entryId } => await Competitions.CompetitionAccess.MayReadEntryAsync(db, currentUser, entryId, cancellationToken),
            _ => false,
        };
        if (!visible)
        {
            throw new NotFoundException(nameof(Attachment), attachmentId);
        }

        // Names stored before the name rule was tightened are made safe on the way out too.
        return new AttachmentDownload(files.OpenRead(attachment.StorageKey), Attachment.SafeName(attachment.OriginalName, attachment.Kind), attachment.ContentType);
    }
}
