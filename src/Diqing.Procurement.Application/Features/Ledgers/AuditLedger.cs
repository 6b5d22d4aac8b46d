using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Ledgers;

/// <summary>
/// Audit-log export: the filtered entries in chain order, headed by the chain verification done at export time and the chain
/// head, which is also written as a signed checkpoint outside the database when the chain verified.
/// </summary>
internal static class AuditLedger
{
    private sealed record Row(long Id, DateTime OccurredAtUtc, string? UserName, AuditAction Action, string EntityType, string? EntityKey, string Changes, string Mac);

    public static async Task<LedgerDocument> BuildAsync(LedgerContext context, VerifyAuditChainHandler verify, AuditCheckpoints checkpoints, CancellationToken cancellationToken)
    {
        var (db, text) = (context.Db, context.Text);
        var filter = context.Request.Audit ?? new AuditLogFilter();
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
        var checkpoint = chain.IsIntact ? await checkpoints.WriteAsync(cancellationToken) : null;
        var head = checkpoint is null
            ? text["Audit.HeadNotCheckpointed"]
            : text["Audit.Head", checkpoint.Sequence, checkpoint.Mac, ChinaTime.FromUtc(checkpoint.CreatedAtUtc).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)];

        var entries = SearchAuditLogHandler.Apply(db.AuditEntries.AsNoTracking(), filter);
        var count = await entries.CountAsync(cancellationToken);
        var rows = entries.OrderBy(e => e.Id)
            .Select(e => new Row(e.Id, e.OccurredAtUtc, e.UserName, e.Action, e.EntityType, e.EntityKey, e.Changes, e.Mac))
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
            text.Column("Mac", 20, LedgerCellKind.Text),
        ];
        var actions = Enum.GetValues<AuditAction>().ToDictionary(a => a, text.Of);
        var title = text["Title.AuditLog"];
        var sheet = new LedgerSheet(title, context.Preamble(title, verdict, head), columns, count, LedgerContext.Map(rows, r => new object?[]
        {
            r.Id, ChinaTime.FromUtc(r.OccurredAtUtc), r.UserName, actions[r.Action], r.EntityType, r.EntityKey, r.Changes, r.Mac,
        }, cancellationToken));
        return new LedgerDocument([sheet], text);
    }
}
