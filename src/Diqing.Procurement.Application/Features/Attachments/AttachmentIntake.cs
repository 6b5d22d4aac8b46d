using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Infrastructure.Files;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Attachments;

public sealed record AttachmentInfo(Guid Id, string OriginalName, long SizeBytes, string ContentType, string Sha256, string UploadedBy, DateTime UploadedAtUtc)
{
    /// <summary>The files of one owner, oldest first, as every owner's list shows them.</summary>
    internal static IQueryable<AttachmentInfo> List(IQueryable<Attachment> ofOwner) =>
        ofOwner.OrderBy(a => a.UploadedAtUtc)
            .Select(a => new AttachmentInfo(a.Id, a.OriginalName, a.SizeBytes, a.ContentType, a.Sha256, a.UploadedBy, a.UploadedAtUtc));

    internal static AttachmentInfo Of(Attachment a) => new(a.Id, a.OriginalName, a.SizeBytes, a.ContentType, a.Sha256, a.UploadedBy, a.UploadedAtUtc);
}

public sealed record AttachmentDownload(Stream Content, string FileName, string ContentType);

/// <summary>
/// The upload rules shared by every owner of attachments (reports, contracts, entries): at most 20 MB, recognised by
/// content as JPEG/PNG/PDF/XLSX/DOCX, stored once in the file store; nothing is kept when any check or the save fails.
/// </summary>
internal static class AttachmentIntake
{
    public delegate Attachment Create(long sizeBytes, AttachmentKind kind, string sha256, string storageKey);

    /// <summary>Adds a file to an owner whose files are <paramref name="owned"/>: refused beyond 20 files, otherwise checked, stored and recorded.</summary>
    public static async Task<AttachmentInfo> AddAsync(ProcurementDbContext db, IFileStore files, IQueryable<Attachment> owned, Stream content, Create create, CancellationToken cancellationToken)
    {
        DemandRoom(await owned.CountAsync(cancellationToken));
        return AttachmentInfo.Of(await AcceptAsync(db, files, content, create, cancellationToken));
    }

    /// <summary>Removes a file: its row first, then its content in the store (nothing refers to it any more).</summary>
    public static async Task RemoveAsync(ProcurementDbContext db, IFileStore files, Attachment attachment, CancellationToken cancellationToken)
    {
        db.Attachments.Remove(attachment);
        await db.SaveChangesAsync(cancellationToken);
        files.Delete(attachment.StorageKey);
    }

    private static async Task<Attachment> AcceptAsync(ProcurementDbContext db, IFileStore files, Stream content, Create create, CancellationToken cancellationToken)
    {
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
        try
        {
            var attachment = create(buffer.Length, kind, sha256, key);
            db.Attachments.Add(attachment);
            await db.SaveChangesAsync(cancellationToken);
            return attachment;
        }
        catch
        {
            files.Delete(key); // nothing half-saved
            throw;
        }
    }

    private static void DemandRoom(int existing)
    {
        if (existing >= Attachment.MaxPerOwner)
        {
            throw new DomainException("Attachment.TooMany", Attachment.MaxPerOwner);
        }
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
