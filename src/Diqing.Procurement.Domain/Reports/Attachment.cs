using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Reports;

/// <summary>The kinds of file accepted, recognised by their content, not their extension.</summary>
public enum AttachmentKind
{
    Jpeg = 1,
    Png = 2,
    Pdf = 3,
    Xlsx = 4,
    Docx = 5,
}

/// <summary>
/// A file attached to exactly one owner: a milestone report (photos, scanned sign-in sheets), a contract (the signed
/// contract, tender documents) or a competition entry. The bytes live in the file store.
/// </summary>
public class Attachment
{
    public const long MaxBytes = 20L * 1024 * 1024;
    public const int MaxPerOwner = 20;

    private Attachment()
    {
        OriginalName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
        StorageKey = string.Empty;
        UploadedBy = string.Empty;
    }

    private Attachment(int? reportId, int? contractId, int? entryId, string originalName, long sizeBytes, AttachmentKind kind, string sha256, string storageKey, string uploadedBy, DateTime uploadedAtUtc)
    {
        if (sizeBytes <= 0)
        {
            throw new DomainException("Attachment.Empty");
        }

        if (sizeBytes > MaxBytes)
        {
            throw new DomainException("Attachment.TooLarge", MaxBytes / 1024 / 1024);
        }

        Id = Guid.NewGuid();
        ReportId = reportId;
        ContractId = contractId;
        EntryId = entryId;
        OriginalName = SafeName(originalName, kind);
        SizeBytes = sizeBytes;
        Kind = kind;
        ContentType = ContentTypeOf(kind);
        Sha256 = sha256;
        StorageKey = storageKey;
        UploadedBy = uploadedBy;
        UploadedAtUtc = uploadedAtUtc;
    }

    public Guid Id { get; private set; }

    public int? ReportId { get; private set; }

    public int? ContractId { get; private set; }

    public int? EntryId { get; private set; }

    public string OriginalName { get; private set; }

    public long SizeBytes { get; private set; }

    public AttachmentKind Kind { get; private set; }

    public string ContentType { get; private set; }

    public string Sha256 { get; private set; }

    public string StorageKey { get; private set; }

    public string UploadedBy { get; private set; }

    public DateTime UploadedAtUtc { get; private set; }

    public static Attachment ForReport(int reportId, string originalName, long sizeBytes, AttachmentKind kind, string sha256, string storageKey, string uploadedBy, DateTime uploadedAtUtc) =>
        new(reportId, null, null, originalName, sizeBytes, kind, sha256, storageKey, uploadedBy, uploadedAtUtc);

    public static Attachment ForContract(int contractId, string originalName, long sizeBytes, AttachmentKind kind, string sha256, string storageKey, string uploadedBy, DateTime uploadedAtUtc) =>
        new(null, contractId, null, originalName, sizeBytes, kind, sha256, storageKey, uploadedBy, uploadedAtUtc);

    public static Attachment ForEntry(int entryId, string originalName, long sizeBytes, AttachmentKind kind, string sha256, string storageKey, string uploadedBy, DateTime uploadedAtUtc) =>
        new(null, null, entryId, originalName, sizeBytes, kind, sha256, storageKey, uploadedBy, uploadedAtUtc);

    public static string ContentTypeOf(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Jpeg => "image/jpeg",
        AttachmentKind.Png => "image/png",
        AttachmentKind.Pdf => "application/pdf",
        AttachmentKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        AttachmentKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    };

    /// <summary>The extension a file of this kind is stored and served with.</summary>
    public static string ExtensionOf(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Jpeg => ".jpg",
        AttachmentKind.Png => ".png",
        AttachmentKind.Pdf => ".pdf",
        AttachmentKind.Xlsx => ".xlsx",
        AttachmentKind.Docx => ".docx",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// Keeps the uploader's name for display, without any path, control, bidi or zero-width character, and makes
    /// it end with the extension of the type recognised in the content: a PDF named "invoice.pdf.bat" is stored and
    /// served as "invoice.pdf.bat.pdf", never as something the browser or the desktop would run or render as HTML.
    /// </summary>
    public static string SafeName(string name, AttachmentKind kind)
    {
        var file = Path.GetFileName((name ?? string.Empty).Replace('\\', '/'));
        var clean = new string(NameText.Strip(file).Where(c => c is not ('"' or '/' or '\\')).ToArray()).Trim().TrimEnd('.', ' ');
        var extension = ExtensionOf(kind);
        var matches = clean.EndsWith(extension, StringComparison.OrdinalIgnoreCase)
            || (kind == AttachmentKind.Jpeg && clean.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase));
        var stem = matches ? clean : clean + extension;
        if (stem.Length > 200)
        {
            stem = stem[^200..];
        }

        return stem.Length == extension.Length || stem.Length == 0 ? "file" + extension : stem;
    }
}
