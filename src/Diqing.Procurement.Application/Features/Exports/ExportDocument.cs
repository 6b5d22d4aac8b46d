namespace Diqing.Procurement.Application.Features.Exports;

/// <summary>
/// What a definition builds, before any file format: e.g. a <see cref="Excel.LedgerDocument"/> (sheets
/// of typed columns, rows streamed from the database) or a <see cref="Json.JsonExport"/>. The
/// <see cref="IExportFormat"/> that accepts its type renders it.
/// </summary>
public abstract class ExportDocument(string title, ExportText text)
{
    /// <summary>Also the document's title property.</summary>
    public string Title { get; } = title;

    public ExportText Text { get; } = text;

    /// <summary>The rows (or items) it will write, counted beforehand, for the progress bar.</summary>
    public abstract int RowCount { get; }
}

/// <summary>A file format: renders the documents of one type to a stream; returns the number of rows written.</summary>
public interface IExportFormat
{
    /// <summary>The format's name in the audit event, e.g. <c>xlsx</c>.</summary>
    string Name { get; }

    /// <summary>With the leading dot.</summary>
    string Extension { get; }

    string ContentType { get; }

    bool Accepts(ExportDocument document);

    /// <param name="rowWritten">Called after each row with the number written so far.</param>
    Task<int> WriteAsync(ExportDocument document, ExportContext context, Stream output, Action<int> rowWritten, CancellationToken cancellationToken);
}
