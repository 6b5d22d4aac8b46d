using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Application.Features.Ledgers.Writers;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Ledgers;

/// <summary>
/// Writes one ledger (issue 7) as .xlsx to a stream: authorisation first, rows streamed from the
/// database with the page's filters, ClosedXML up to <see cref="StreamingThreshold"/> rows and the
/// streaming .xlsx writer above (ADR 0009), then an audit event with kind, filter and row count.
/// </summary>
public sealed class ExportLedgerHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory,
    ICurrentUser currentUser,
    TimeProvider clock,
    VerifyAuditChainHandler verifyAuditChain,
    AuditCheckpoints auditCheckpoints)
{
    /// <summary>Above this many data rows the streaming writer is used (ClosedXML needs ~13 KB per 12-column row).</summary>
    public const int StreamingThreshold = 10_000;

    /// <summary>Progress is reported every this many rows.</summary>
    public const int ProgressInterval = 1_000;

    /// <summary>The ledgers the user may download, for the pages to show their buttons.</summary>
    public static IReadOnlyList<LedgerKind> KindsFor(ICurrentUser user) =>
        Enum.GetValues<LedgerKind>().Where(kind => LedgerScope.MayExport(user, kind)).ToList();

    public async Task<LedgerFile> HandleAsync(LedgerRequest request, Stream output, IProgress<LedgerProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(LedgerScope.RolesFor(request.Kind));
        var text = LedgerText.For(request.Culture);
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var context = new LedgerContext(db, currentUser, text, nowUtc, request);
        var document = request.Kind switch
        {
            LedgerKind.Contracts => await ContractLedger.BuildAsync(context, cancellationToken),
            LedgerKind.Funds => await FundLedger.BuildAsync(context, cancellationToken),
            LedgerKind.Disbursements => await DisbursementLedger.BuildAsync(context, cancellationToken),
            LedgerKind.Progress => await ProgressLedger.BuildAsync(context, cancellationToken),
            LedgerKind.CompetitionScores => await CompetitionScoreLedger.BuildAsync(context, cancellationToken),
            LedgerKind.AuditLog => await AuditLedger.BuildAsync(context, verifyAuditChain, auditCheckpoints, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Kind, null),
        };

        var total = document.RowCount;
        progress?.Report(new LedgerProgress(0, total));
        var writerKind = request.Writer switch
        {
            LedgerWriterKind.Automatic => total > StreamingThreshold ? LedgerWriterKind.Streaming : LedgerWriterKind.ClosedXml,
            var chosen => chosen,
        };
        ILedgerWriter writer = writerKind == LedgerWriterKind.Streaming ? new StreamingLedgerWriter() : new ClosedXmlLedgerWriter();
        var rows = await writer.WriteAsync(document, output, written =>
        {
            if (written % ProgressInterval == 0)
            {
                progress?.Report(new LedgerProgress(written, total));
            }
        }, cancellationToken);
        progress?.Report(new LedgerProgress(rows, total));

        db.RecordEvent(AuditAction.Exported, "Ledger", request.Kind.ToString(), new
        {
            ledger = request.Kind.ToString(),
            filter = context.Filters,
            rows,
            writer = writerKind.ToString(),
            culture = text.Culture.Name,
        });
        await db.SaveChangesAsync(CancellationToken.None); // the file is written: its export is recorded even if the caller gives up now
        return new LedgerFile(FileName(request.Kind, text, nowUtc), rows);
    }

    /// <summary>e.g. 政府购买服务合同台账-20261129.xlsx (the China date of the export).</summary>
    public static string FileName(LedgerKind kind, LedgerText text, DateTime nowUtc) =>
        text["FileName." + kind] + "-" + ChinaTime.DateOf(nowUtc).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + ".xlsx";
}
