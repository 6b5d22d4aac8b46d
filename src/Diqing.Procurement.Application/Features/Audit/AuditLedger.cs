using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Exports.Excel;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Audit;

/// <summary>The audit export with the audit page's filter.</summary>
public sealed record AuditLedgerRequest(AuditLogFilter Filter) : ExportRequest, IExportKind
{
    public static string Kind => "AuditLog";

    public static string Readers => Roles.Sets.AuditReaders;
}

/// <summary>Audit-log export: the filtered entries in chain order, headed by the chain verification done at export time.</summary>
internal sealed class AuditLedger(VerifyAuditChainHandler verify) : ExportDefinition<AuditLedgerRequest>
{
    private sealed record Row(long Id, DateTime OccurredAtUtc, string? UserName, AuditAction Action, string EntityType, string? EntityKey, string Changes, string Hash);

    protected override async Task<ExportDocument> BuildAsync(ExportContext context, AuditLedgerRequest request, CancellationToken cancellationToken)
    {
        var (db, text) = (context.Db, context.Text);
        var filter = request.Filter;
        // The page's range is whole China days: from midnight, up to (not including) the midnight after the last day.
        context.Filter("From", filter.FromUtc is { } from ? ChinaTime.DateOf(from).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null);
        context.Filter("To", filter.ToUtc is { } to ? ChinaTime.DateOf(to.AddTicks(-1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null);
        context.Filter("User", filter.UserName?.Trim());
        context.Filter("EntityType", filter.EntityType);
        context.Filter("EntityKey", filter.EntityKey);
        context.Filter("Action", text.OfOptional(filter.Action));

        var chain = await verify.HandleAsync(cancellationToken: cancellationToken);
        var verdict = chain.IsIntact
            ? text["Audit.ChainIntact", chain.CheckedCount]
            : text["Audit.ChainBroken", chain.FirstBrokenEntryId ?? 0, chain.CheckedCount];

        var entries = SearchAuditLogHandler.Apply(db.AuditEntries.AsNoTracking(), filter);
        var count = await entries.CountAsync(cancellationToken);
        var rows = entries.OrderBy(e => e.Id)
            .Select(e => new Row(e.Id, e.OccurredAtUtc, e.UserName, e.Action, e.EntityType, e.EntityKey, e.Changes, e.Hash))
            .AsAsyncEnumerable();

        LedgerColumn[] columns =
        [
            text.Column("EntryId", 10, LedgerCellKind.Integer),
            text.Column("OccurredAt", 20, LedgerCellKind.DateTime, LedgerTotal.Count),
            text.Column("User", 16, LedgerCellKind.Text),
            text.Column("Action", 10, LedgerCellKind.Text),
            text.Column("EntityType", 18, LedgerCellKind.Text),
            text.Column("EntityKey", 12, LedgerCellKind.Text),
            text.Column("Changes", 80, LedgerCellKind.Text),
            text.Column("Hash", 20, LedgerCellKind.Text),
        ];
        var actions = Enum.GetValues<AuditAction>().ToDictionary(a => a, text.Of);
        var title = text["Title.AuditLog"];
        var sheet = new LedgerSheet(title, context.Preamble(title, verdict), columns, count, LedgerRows.Map(rows, r => new object?[]
        {
            r.Id, ChinaTime.FromUtc(r.OccurredAtUtc), r.UserName, actions[r.Action], r.EntityType, r.EntityKey, r.Changes, r.Hash,
        }, cancellationToken));
        return new LedgerDocument(title, [sheet], text);
    }
}
