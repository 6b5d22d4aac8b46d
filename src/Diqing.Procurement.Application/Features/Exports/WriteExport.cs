using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Exports;

/// <summary>
/// Writes one export to a stream, whatever its kind and format (ADR 0009): the definition registered for
/// the request's type, authorisation first (R-01, the kind's <see cref="IExportKind.Readers"/>), the
/// document built with the page's filters, written by the format that accepts it while progress is
/// reported, then one audit event with kind, format, filter and row count.
/// </summary>
public sealed class WriteExportHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory,
    ICurrentUser currentUser,
    TimeProvider clock,
    IEnumerable<ExportDefinition> definitions,
    IEnumerable<IExportFormat> formats)
{
    /// <summary>Progress is reported every this many rows.</summary>
    public const int ProgressInterval = 1_000;

    /// <summary>The audit log's subject for every export.</summary>
    public const string AuditSubject = "Export";

    public async Task<ExportFile> HandleAsync(ExportRequest request, Stream output, IProgress<ExportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var definition = definitions.SingleOrDefault(d => d.RequestType == request.GetType())
            ?? throw new InvalidOperationException($"No export is defined for {request.GetType().Name}.");
        currentUser.DemandAny(definition.Readers);
        var text = ExportText.For(request.Culture);
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var context = new ExportContext(db, currentUser, text, nowUtc);
        var document = await definition.BuildAsync(context, request, cancellationToken);
        var format = formats.FirstOrDefault(f => f.Accepts(document))
            ?? throw new InvalidOperationException($"No export format writes a {document.GetType().Name}.");

        var total = document.RowCount;
        progress?.Report(new ExportProgress(0, total));
        var rows = await format.WriteAsync(document, context, output, written =>
        {
            if (written % ProgressInterval == 0)
            {
                progress?.Report(new ExportProgress(written, total));
            }
        }, cancellationToken);
        progress?.Report(new ExportProgress(rows, total));

        db.RecordEvent(AuditAction.Exported, AuditSubject, definition.Kind, new
        {
            export = definition.Kind,
            format = format.Name,
            filter = context.Filters,
            rows,
            culture = text.Culture.Name,
        });
        await db.SaveChangesAsync(CancellationToken.None); // the file is written: its export is recorded even if the caller gives up now
        return new ExportFile(FileName(definition.Kind, text, nowUtc, format.Extension), format.ContentType, rows);
    }

    /// <summary>e.g. 政府购买服务合同台账-20261129.xlsx (the China date of the export).</summary>
    public static string FileName(string kind, ExportText text, DateTime nowUtc, string extension) =>
        text["FileName." + kind] + "-" + ChinaTime.DateOf(nowUtc).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + extension;
}
