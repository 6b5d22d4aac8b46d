using System.Globalization;
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

/// <summary>
/// Audit-log export: the filtered entries in chain order, headed by the chain verification done at export time.
/// The printed columns are readable (China time, localised action, entity and fields, one line a field, the
/// whole text: <see cref="AuditChangeText"/>); beside them, outside the print area, each entry as stored (UTC
/// time, entity type, action, user id, the changes' JSON, key id, MAC and previous MAC) for machines.
/// The chain head at export is in the preamble and in a signed checkpoint outside the database.
/// </summary>
internal sealed class AuditLedger(VerifyAuditChainHandler verify, AuditCheckpoints checkpoints) : ExportDefinition<AuditLedgerRequest>
{
    private sealed record Row(
        long Id, DateTime OccurredAtUtc, string? UserId, string? UserName, AuditAction Action, string EntityType, string? EntityKey, string Changes, string KeyId, string Mac, string PreviousMac);

    protected override async Task<ExportDocument> BuildAsync(ExportContext context, AuditLedgerRequest request, CancellationToken cancellationToken)
    {
        var (db, text) = (context.Db, context.Text);
        var filter = request.Filter;
        var readable = new AuditChangeText(db.Model, text);
        // The page's range is whole China days: from midnight, up to (not including) the midnight after the last day.
        context.Filter("From", filter.FromUtc is { } from ? ChinaTime.DateOf(from).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null);
        context.Filter("To", filter.ToUtc is { } to ? ChinaTime.DateOf(to.AddTicks(-1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null);
        context.Filter("User", filter.UserName?.Trim());
        context.Filter("EntityType", filter.EntityType is { } type ? readable.EntityName(type) : null);
        context.Filter("EntityKey", filter.EntityKey);
        context.Filter("Action", text.OfOptional(filter.Action));

        var chain = await verify.HandleAsync(cancellationToken: cancellationToken);
        var verdict = chain.IsIntact
            ? text["Audit.ChainIntact", chain.CheckedCount]
            : text["Audit.ChainBroken", chain.FirstBrokenEntryId ?? 0, chain.CheckedCount];
        // The head at export is also written as a signed checkpoint outside the database when the chain verified.
        var checkpoint = chain.IsIntact ? await checkpoints.WriteAsync(cancellationToken) : null;
        var head = checkpoint is null
            ? text["Audit.HeadNotCheckpointed"]
            : text["Audit.Head", checkpoint.Sequence, checkpoint.Mac, ChinaTime.FromUtc(checkpoint.CreatedAtUtc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)];

        var entries = SearchAuditLogHandler.Apply(db.AuditEntries.AsNoTracking(), filter);
        var count = await entries.CountAsync(cancellationToken);
        var rows = entries.OrderBy(e => e.Id)
            .Select(e => new Row(e.Id, e.OccurredAtUtc, e.UserId, e.UserName, e.Action, e.EntityType, e.EntityKey, e.Changes, e.KeyId, e.Mac, e.PreviousMac))
            .AsAsyncEnumerable();

        LedgerColumn[] columns =
        [
            text.Column("EntryId", LedgerCellKind.Integer),
            text.Column("OccurredAt", LedgerCellKind.DateTime, LedgerTotal.Count, counts: "Entries"),
            text.Column("User", LedgerCellKind.Text, wrapAt: 12),
            text.Column("Action", LedgerCellKind.Text),
            text.Column("EntityType", LedgerCellKind.Text, wrapAt: 10),
            text.Column("EntityKey", LedgerCellKind.Text, wrapAt: 12),
            text.Column("Changes", LedgerCellKind.Text, wrapAt: 64),

            // Not printed, never wrapped: the entry as stored.
            text.Column("OccurredAtUtc", LedgerCellKind.Text),
            text.Column("EntityTypeRaw", LedgerCellKind.Text),
            text.Column("ActionRaw", LedgerCellKind.Text),
            text.Column("UserId", LedgerCellKind.Text),
            text.Column("ChangesJson", LedgerCellKind.Text),
            text.Column("KeyId", LedgerCellKind.Text),
            text.Column("Mac", LedgerCellKind.Text),
            text.Column("PreviousMac", LedgerCellKind.Text),
        ];
        var actions = Enum.GetValues<AuditAction>().ToDictionary(a => a, text.Of);
        var system = text["Label.System"]; // entries written by the application itself, as the audit page says
        var title = text["Title.AuditLog"];
        var sheet = new LedgerSheet(title, context.Preamble(title, verdict, head), columns, count, LedgerRows.Map(rows, r => new object?[]
        {
            r.Id, ChinaTime.FromUtc(r.OccurredAtUtc), r.UserName ?? system, actions[r.Action], readable.EntityName(r.EntityType), r.EntityKey,
            readable.Describe(r.EntityType, r.Action, r.Changes),
            DateTime.SpecifyKind(r.OccurredAtUtc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture), r.EntityType, r.Action.ToString(), r.UserId, r.Changes,
            r.KeyId, r.Mac, r.PreviousMac,
        }, cancellationToken))
        {
            PrintedColumns = 7,
        };
        return new LedgerDocument(title, [sheet], text);
    }
}
