using System.Runtime.CompilerServices;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Exports.Excel;
using Diqing.Procurement.Domain.Funding;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Funding;

/// <summary>The fund ledger with the funding page's filters. Not for agency users: it names every agency's allocations.</summary>
public sealed record FundLedgerRequest(ListFundingSourcesQuery Filter) : ExportRequest, IExportKind
{
    public static string Kind => "Funds";

    public static string Readers => FundingAccess.Readers;
}

/// <summary>
/// 资金台账: a summary sheet with one row per funding source — every source of the filter, those with nothing
/// allocated too — (amount, allocated, disbursed, unallocated, balance), and a detail sheet with each source's
/// allocation lines, each followed by its disbursement lines (voucher numbers); a source without allocations
/// has one line saying so.
/// </summary>
internal sealed class FundLedger : ExportDefinition<FundLedgerRequest>
{
    private sealed record Source(int Id, string Name, FundingKind Kind, int FiscalYear, string DocumentNumber, decimal Amount, decimal Allocated, decimal Disbursed);

    private sealed record AllocationLine(int Id, int SourceId, string ContractNumber, string Agency, decimal Amount, string? FiscalYearReason);

    private sealed record DisbursementLine(int AllocationId, string Voucher, DateOnly PaidOn, decimal Amount);

    protected override async Task<ExportDocument> BuildAsync(ExportContext context, FundLedgerRequest request, CancellationToken cancellationToken)
    {
        var (db, text) = (context.Db, context.Text);
        var query = request.Filter;
        context.Filter("Year", query.FiscalYear);
        context.Filter("FundingKind", text.OfOptional(query.Kind));
        context.Filter("Search", query.Search?.Trim());
        var sources = ListFundingSourcesHandler.Filter(db.FundingSources.AsNoTracking(), query); // the funding page's own filter

        // All three queries sort by the same key (year, newest first; name; id), so the detail sheet merges them while streaming.
        var perSource = await sources
            .OrderByDescending(f => f.FiscalYear).ThenBy(f => f.Name).ThenBy(f => f.Id)
            .Select(f => new Source(f.Id, f.Name, f.Kind, f.FiscalYear, f.DocumentNumber, f.Amount,
                db.Allocations.Where(a => a.FundingSourceId == f.Id).Sum(a => (decimal?)a.Amount) ?? 0m,
                db.Disbursements.Where(d => d.Allocation.FundingSourceId == f.Id).Sum(d => (decimal?)d.Amount) ?? 0m))
            .ToListAsync(cancellationToken);
        var summary = perSource
            .Select(f => new object?[]
            {
                f.Name, text.Of(f.Kind), f.FiscalYear, f.DocumentNumber, f.Amount, f.Allocated, f.Disbursed, f.Amount - f.Allocated, f.Amount - f.Disbursed,
            })
            .ToList();

        var allocations = from a in db.Allocations.AsNoTracking()
                          join f in sources on a.FundingSourceId equals f.Id
                          join c in db.Contracts on a.ContractId equals c.Id
                          join g in db.Agencies on c.AgencyId equals g.Id
                          orderby f.FiscalYear descending, f.Name, f.Id, a.Id
                          select new AllocationLine(a.Id, f.Id, c.Number, g.Name, a.Amount, a.FiscalYearReason);
        var disbursements = from d in db.Disbursements.AsNoTracking()
                            join a in db.Allocations on d.AllocationId equals a.Id
                            join f in sources on a.FundingSourceId equals f.Id
                            orderby f.FiscalYear descending, f.Name, f.Id, a.Id, d.PaidOn, d.Id
                            select new DisbursementLine(a.Id, d.VoucherNumber, d.PaidOn, d.Amount);
        var allocationList = await allocations.ToListAsync(cancellationToken); // one per contract and source: small
        var unallocated = perSource.Count(f => allocationList.All(a => a.SourceId != f.Id));
        var detailCount = allocationList.Count + unallocated + await disbursements.CountAsync(cancellationToken);

        LedgerColumn[] summaryColumns =
        [
            text.Column("FundingSource", LedgerCellKind.Text, LedgerTotal.Count, wrapAt: 22, counts: "Sources"),
            text.Column("FundingKind", LedgerCellKind.Text),
            text.Column("FiscalYear", LedgerCellKind.Integer),
            text.Column("DocumentNumber", LedgerCellKind.Text),
            text.Column("SourceAmount", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Allocated", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Disbursed", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Unallocated", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Balance", LedgerCellKind.Money, LedgerTotal.Sum),
        ];
        LedgerColumn[] detailColumns =
        [
            text.Column("FundingSource", LedgerCellKind.Text, wrapAt: 18),
            text.Column("DocumentNumber", LedgerCellKind.Text),
            text.Column("LineType", LedgerCellKind.Text),
            text.Column("ContractNumber", LedgerCellKind.Text),
            text.Column("Agency", LedgerCellKind.Text, wrapAt: 16),
            text.Column("Voucher", LedgerCellKind.Text, LedgerTotal.Count, counts: "Payments"),
            text.Column("Date", LedgerCellKind.Date),
            text.Column("Allocated", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Disbursed", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Note", LedgerCellKind.Text, wrapAt: 14),
        ];
        var title = text["Title.Funds"];
        var preamble = context.Preamble(title);
        return new LedgerDocument(title,
        [
            new LedgerSheet(text["Sheet.Summary"], preamble, summaryColumns, summary.Count, LedgerRows.Of(summary)),
            new LedgerSheet(text["Sheet.Details"], preamble, detailColumns, detailCount,
                Detail(perSource, allocationList, disbursements.AsAsyncEnumerable(), text, cancellationToken)),
        ], text);
    }

    private static async IAsyncEnumerable<object?[]> Detail(
        List<Source> sources, List<AllocationLine> allocations, IAsyncEnumerable<DisbursementLine> disbursements, ExportText text,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (allocationLabel, disbursementLabel, noneLabel) = (text["Col.LineAllocation"], text["Col.LineDisbursement"], text["Col.LineNone"]);
        await using var payments = disbursements.GetAsyncEnumerator(cancellationToken);
        var hasPayment = await payments.MoveNextAsync();
        var next = 0;
        foreach (var source in sources)
        {
            if (next == allocations.Count || allocations[next].SourceId != source.Id)
            {
                yield return [source.Name, source.DocumentNumber, noneLabel, null, null, null, null, null, null, null];
                continue;
            }

            for (; next < allocations.Count && allocations[next].SourceId == source.Id; next++)
            {
                var a = allocations[next];
                yield return [source.Name, source.DocumentNumber, allocationLabel, a.ContractNumber, a.Agency, null, null, a.Amount, null,
                    a.FiscalYearReason is { } reason ? text["Label.FiscalYearReason", source.FiscalYear, reason] : null];
                while (hasPayment && payments.Current.AllocationId == a.Id)
                {
                    var d = payments.Current;
                    yield return [source.Name, source.DocumentNumber, disbursementLabel, a.ContractNumber, a.Agency, d.Voucher, d.PaidOn, null, d.Amount, null];
                    hasPayment = await payments.MoveNextAsync();
                }
            }
        }
    }
}
