using System.IO.Compression;
using System.Xml;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Reports;

namespace Diqing.Procurement.Infrastructure.Files;

/// <summary>
/// Recognises JPEG, PNG, PDF, XLSX and DOCX by their bytes: a renamed .exe is none of them.
/// Office files must be real Open XML packages: a content-types part that names the document's main part with its
/// (macro-free) type, the package relationships, and the main part itself; and they are unpacked within caps on entry
/// count and uncompressed size, counted while decompressing, so that a zip bomb is refused before it is stored.
/// </summary>
public static class FileTypeSniffer
{
    public const int MaxPackageEntries = 2_000;
    public const long MaxPackageUncompressedBytes = 100L * 1024 * 1024;

    private const string ContentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types";

    private static readonly (AttachmentKind Kind, string MainPart, string MainType)[] OfficeKinds =
    [
        (AttachmentKind.Xlsx, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
        (AttachmentKind.Docx, "/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    ];

    /// <exception cref="DomainException">"Attachment.PackageTooLarge" for a package beyond the caps.</exception>
    public static AttachmentKind? Detect(Stream seekable)
    {
        Span<byte> head = stackalloc byte[8];
        seekable.Position = 0;
        var read = seekable.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        seekable.Position = 0;
        head = head[..read];

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return AttachmentKind.Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return AttachmentKind.Png;
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return AttachmentKind.Pdf;
        }

        return head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]) ? DetectOfficePackage(seekable) : null;
    }

    private static AttachmentKind? DetectOfficePackage(Stream seekable)
    {
        try
        {
            using var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxPackageEntries || zip.Entries.Sum(e => e.Length) > MaxPackageUncompressedBytes)
            {
                throw TooLarge();
            }

            // The declared sizes can lie: count what decompression really yields.
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var content = entry.Open();
                int n;
                while ((n = content.Read(buffer)) > 0)
                {
                    total += n;
                    if (total > MaxPackageUncompressedBytes)
                    {
                        throw TooLarge();
                    }
                }
            }

            var names = zip.Entries.Select(e => "/" + e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var types = zip.GetEntry("[Content_Types].xml");
            if (types is null || !names.Contains("/_rels/.rels"))
            {
                return null;
            }

            var overrides = ReadOverrides(types);
            foreach (var (kind, mainPart, mainType) in OfficeKinds)
            {
                if (names.Contains(mainPart) && overrides.TryGetValue(mainPart, out var declared) && declared == mainType)
                {
                    return kind;
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or NotSupportedException)
        {
            return null;
        }
        finally
        {
            seekable.Position = 0;
        }
    }

    /// <summary>Part name → content type of the package's overrides; no DTDs, no external entities.</summary>
    private static Dictionary<string, string> ReadOverrides(ZipArchiveEntry types)
    {
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var stream = types.Open();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        while (reader.Read())
        {
            if (reader is { NodeType: XmlNodeType.Element, LocalName: "Override", NamespaceURI: ContentTypesNamespace }
                && reader.GetAttribute("PartName") is { } part && reader.GetAttribute("ContentType") is { } type)
            {
                overrides[part] = type;
            }
        }

        return overrides;
    }

    private static DomainException TooLarge() =>
        new("Attachment.PackageTooLarge", MaxPackageUncompressedBytes / 1024 / 1024, MaxPackageEntries);
}
