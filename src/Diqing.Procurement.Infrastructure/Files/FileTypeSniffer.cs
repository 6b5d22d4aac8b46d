using System.IO.Compression;
using Diqing.Procurement.Domain.Reports;

namespace Diqing.Procurement.Infrastructure.Files;

/// <summary>
/// Recognises JPEG, PNG, PDF, XLSX and DOCX by their bytes: a renamed .exe is none of them.
/// Office files are ZIP packages; they are recognised by the parts inside, not by the ZIP header alone.
/// </summary>
public static class FileTypeSniffer
{
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
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml"))
            {
                return null;
            }

            return names.Contains("xl/workbook.xml") ? AttachmentKind.Xlsx
                : names.Contains("word/document.xml") ? AttachmentKind.Docx
                : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            seekable.Position = 0;
        }
    }
}
