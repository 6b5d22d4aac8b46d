using Diqing.Procurement.Application.Features.Announcements;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Exports.Word;

namespace Diqing.Procurement.Application.Features.Disclosure;

/// <summary>
/// A published announcement as a Word document for anyone (no login, no audit entry per download, like the open data):
/// the same document the bureau exports, with its frozen figures; the bureau, not a person, as its author.
/// </summary>
public sealed class WritePublicAnnouncementDocumentHandler(GetPublicAnnouncementHandler announcements)
{
    /// <summary>Writes the document; null (nothing written) for a year with no published announcement.</summary>
    /// <returns>The download name, e.g. 2025年度福彩公益金使用情况公告.docx, and the content type.</returns>
    public async Task<ExportFile?> WriteAsync(int year, string? culture, Stream output, CancellationToken cancellationToken = default)
    {
        var view = await announcements.HandleAsync(year, cancellationToken);
        if (view?.PublishedAtUtc is not { } publishedAtUtc)
        {
            return null;
        }

        var text = ExportText.For(culture);
        var document = AnnouncementWordDocument.Build(view.Year, view.Narrative, publishedAtUtc, view.Figures, text);
        var bureau = text["IssuingUnit"];
        var rows = await DocxWriter.WriteAsync(document, new DocxProperties(document.Title, string.Empty, bureau, bureau, publishedAtUtc), output, _ => { }, cancellationToken);
        return new ExportFile(document.Title + DocxWriter.Extension, DocxWriter.ContentType, rows);
    }
}
