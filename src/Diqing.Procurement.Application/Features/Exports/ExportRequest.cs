namespace Diqing.Procurement.Application.Features.Exports;

/// <summary>
/// What every kind of export declares about itself, on its request type (so a page can ask before it
/// builds one): the name it goes by and the roles that may have it (R-01, demanded by
/// <see cref="WriteExportHandler"/> before anything is read).
/// </summary>
public interface IExportKind
{
    /// <summary>Names the export in file names, UI texts, the audit log and test ids, e.g. <c>Contracts</c>.</summary>
    static abstract string Kind { get; }

    /// <summary>Comma-separated roles that may download it.</summary>
    static abstract string Readers { get; }
}

/// <summary>
/// A download with the filters of the page it is asked for from. Each kind derives its own request
/// (beside its <see cref="ExportDefinition{TRequest}"/>) and implements <see cref="IExportKind"/>.
/// </summary>
public abstract record ExportRequest
{
    /// <summary>"zh-CN" (default) or "en-US": language of titles, headers and labels.</summary>
    public string Culture { get; init; } = "zh-CN";
}

/// <summary>Rows (or items) written so far; <see cref="TotalRows"/> is known once the document is built.</summary>
public sealed record ExportProgress(int RowsWritten, int? TotalRows);

/// <summary>The written file: its download name (export name, China date, extension), content type and number of rows.</summary>
public sealed record ExportFile(string FileName, string ContentType, int RowCount);
