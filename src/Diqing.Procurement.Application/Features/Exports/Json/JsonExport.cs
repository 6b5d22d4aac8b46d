using System.Text.Encodings.Web;
using System.Text.Json;

namespace Diqing.Procurement.Application.Features.Exports.Json;

/// <summary>
/// A JSON document (e.g. open data): the definition gives the number of items it will write and a
/// function that writes them to a <see cref="Utf8JsonWriter"/>, calling back after each item.
/// </summary>
public sealed class JsonExport(string title, int itemCount, Func<Utf8JsonWriter, Action<int>, CancellationToken, Task<int>> write, ExportText text)
    : ExportDocument(title, text)
{
    public override int RowCount => itemCount;

    public Func<Utf8JsonWriter, Action<int>, CancellationToken, Task<int>> Write { get; } = write;
}

/// <summary>UTF-8 JSON, indented, Chinese text unescaped; flushed as it goes so large documents stream.</summary>
public sealed class JsonFormat : IExportFormat
{
    /// <summary>Also the open data's (Features/OpenData), which writes outside the pipeline: public, unaudited, no roles.</summary>
    public static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "json";

    public string Extension => ".json";

    public string ContentType => "application/json";

    public bool Accepts(ExportDocument document) => document is JsonExport;

    public async Task<int> WriteAsync(ExportDocument document, ExportContext context, Stream output, Action<int> rowWritten, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(output, Options);
        var items = await ((JsonExport)document).Write(writer, written =>
        {
            if (writer.BytesPending > 64 * 1024)
            {
                writer.Flush();
            }

            rowWritten(written);
        }, cancellationToken);
        await writer.FlushAsync(cancellationToken);
        return items;
    }
}
