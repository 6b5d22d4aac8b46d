using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Infrastructure.Files;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Reports;

public sealed record AttachmentInfo(Guid Id, string OriginalName, long SizeBytes, string ContentType, string Sha256, string UploadedBy, DateTime UploadedAtUtc);

public sealed record AttachmentDownload(Stream Content, string FileName, string ContentType);

/// <summary>
/// Files of a report: uploaded by its agency while it is editable, read by whoever may read the
/// report. Limits: 20 MB, 20 files, JPEG/PNG/PDF/XLSX/DOCX recognised by content.
/// </summary>
public sealed class ReportAttachmentsHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory,
    ICurrentUser currentUser,
    IFileStore files,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<AttachmentInfo>> ListAsync(int reportId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.MilestoneReports.AsNoTracking().Visible(currentUser).AnyAsync(r => r.Id == reportId, cancellationToken))
        {
            throw new NotFoundException(nameof(MilestoneReport), reportId);
        }

        return await db.Attachments.AsNoTracking().Where(a => a.ReportId == reportId).OrderBy(a => a.UploadedAtUtc)
            .Select(a => new AttachmentInfo(a.Id, a.OriginalName, a.SizeBytes, a.ContentType, a.Sha256, a.UploadedBy, a.UploadedAtUtc))
            .ToListAsync(cancellationToken);
    }

    public async Task<AttachmentInfo> UploadAsync(int reportId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var agencyId = ReportAccess.DemandAgency(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.MilestoneReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId && r.AgencyId == agencyId, cancellationToken)
            ?? throw new NotFoundException(nameof(MilestoneReport), reportId);
        if (!report.IsEditableByAgency)
        {
            throw new DomainException("Report.ReadOnly");
        }

        if (await db.Attachments.CountAsync(a => a.ReportId == reportId, cancellationToken) >= Attachment.MaxPerReport)
        {
            throw new DomainException("Attachment.TooMany", Attachment.MaxPerReport);
        }

        // Read at most one byte more than allowed into a temporary buffer: the size and the type are known before anything is kept.
        await using var buffer = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await CopyLimitedAsync(content, buffer, Attachment.MaxBytes + 1, cancellationToken);
        if (buffer.Length == 0)
        {
            throw new DomainException("Attachment.Empty");
        }

        if (buffer.Length > Attachment.MaxBytes)
        {
            throw new DomainException("Attachment.TooLarge", Attachment.MaxBytes / 1024 / 1024);
        }

        var kind = FileTypeSniffer.Detect(buffer) ?? throw new DomainException("Attachment.TypeNotAllowed");
        var (key, sha256) = await files.SaveAsync(buffer, cancellationToken);
        var attachment = new Attachment(reportId, fileName, buffer.Length, kind, sha256, key, currentUser.UserName!, clock.GetUtcNow().UtcDateTime);
        db.Attachments.Add(attachment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            files.Delete(key); // nothing half-saved
            throw;
        }

        return new AttachmentInfo(attachment.Id, attachment.OriginalName, attachment.SizeBytes, attachment.ContentType, attachment.Sha256, attachment.UploadedBy, attachment.UploadedAtUtc);
    }

    public async Task<AttachmentDownload> DownloadAsync(Guid attachmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visibleReports = db.MilestoneReports.AsNoTracking().Visible(currentUser).Select(r => r.Id);
        var attachment = await db.Attachments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == attachmentId && visibleReports.Contains(a.ReportId), cancellationToken)
            ?? throw new NotFoundException(nameof(Attachment), attachmentId);
        return new AttachmentDownload(files.OpenRead(attachment.StorageKey), attachment.OriginalName, attachment.ContentType);
    }

    public async Task DeleteAsync(Guid attachmentId, CancellationToken cancellationToken = default)
    {
        var agencyId = ReportAccess.DemandAgency(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attachment = await db.Attachments.SingleOrDefaultAsync(a => a.Id == attachmentId, cancellationToken)
            ?? throw new NotFoundException(nameof(Attachment), attachmentId);
        var report = await db.MilestoneReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == attachment.ReportId && r.AgencyId == agencyId, cancellationToken)
            ?? throw new NotFoundException(nameof(Attachment), attachmentId);
        if (!report.IsEditableByAgency)
        {
            throw new DomainException("Report.ReadOnly");
        }

        db.Attachments.Remove(attachment);
        await db.SaveChangesAsync(cancellationToken);
        files.Delete(attachment.StorageKey);
    }

    private static async Task CopyLimitedAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while (total < limit && (read = await source.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - total)), cancellationToken)) > 0)
        {
            await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
            total += read;
        }

        target.Position = 0;
    }
}
