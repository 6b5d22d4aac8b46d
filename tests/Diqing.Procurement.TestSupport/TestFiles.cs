using System.IO.Compression;
using System.Text;

namespace Diqing.Procurement.TestSupport;

/// <summary>Small files of each accepted kind, and the hostile ones of the outside test (issue 13, item 5).</summary>
public static class TestFiles
{
    public static byte[] Pdf { get; } = "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"u8.ToArray();

    public static byte[] Jpeg { get; } = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];

    /// <summary>A minimal but real Open XML package: content types naming the main part, package relationships, the main part.</summary>
    public static byte[] OfficePackage(string mainPart, string mainType, params (string Name, byte[] Content)[] extra)
    {
        var types = $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
              <Default Extension="xml" ContentType="application/xml"/>
              <Override PartName="/{mainPart}" ContentType="{mainType}"/>
            </Types>
            """;
        var rels = $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{mainPart}"/>
            </Relationships>
            """;
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in new[] { ("[Content_Types].xml", Encoding.UTF8.GetBytes(types)), ("_rels/.rels", Encoding.UTF8.GetBytes(rels)), (mainPart, "<x/>"u8.ToArray()) }.Concat(extra))
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        return memory.ToArray();
    }

    public static byte[] Docx(params (string Name, byte[] Content)[] extra) =>
        OfficePackage("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", extra);

    public static byte[] Xlsx() =>
        OfficePackage("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");

    /// <summary>A macro-enabled Word file (.docm) renamed .docx.</summary>
    public static byte[] Docm() =>
        OfficePackage("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml", ("word/vbaProject.bin", [1, 2, 3]));

    /// <summary>A .docx that unpacks to <paramref name="megabytes"/> MB of zeros (a few hundred KB packed).</summary>
    public static byte[] ZipBomb(int megabytes = 101)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in new[] { ("[Content_Types].xml", "<Types/>"u8.ToArray()), ("_rels/.rels", "<Relationships/>"u8.ToArray()), ("word/document.xml", "<x/>"u8.ToArray()) })
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }

            using var bomb = zip.CreateEntry("word/media/zeros.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < megabytes; i++)
            {
                bomb.Write(zeros);
            }
        }

        return memory.ToArray();
    }

    /// <summary>A .docx of more parts than any document has.</summary>
    public static byte[] ManyParts(int count) =>
        Docx(Enumerable.Range(1, count).Select(i => ($"word/parts/p{i}.xml", "<p/>"u8.ToArray())).ToArray());
}
