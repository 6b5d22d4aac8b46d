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
/// 资金台账: a summary sheet per kind and year (amount, allocated, disbursed, unallocated, balance) and a
/// detail sheet with each source's allocation lines, each followed by its disbursement lines (voucher numbers).
/// </summary>
internal sealed class FundLedger : ExportDefinition<FundLedgerRequest>
{
    private sealed record Source(int Id, string Name, FundingKind Kind, int FiscalYear, string DocumentNumber, decimal Amount, decimal Allocated, decimal Disbursed);

    private sealed record AllocationLine(int Id, string Source, string DocumentNumber, int FiscalYear, FundingKind Kind, string ContractNumber, string Agency, decimal Amount);

    private sealed record DisbursementLine(int AllocationId, string Voucher, DateOnly PaidOn, decimal Amount);

    protected override async Task<ExportDocument> BuildAsync(ExportContext context, FundLedgerRequest request, CancellationToken cancellationToken)
    {
        var (db, text) = (context.Db, context.Text);
        var query = request.Filter;
        context.Filter("Year", query.FiscalYear);
        context.Filter("FundingKind", text.OfOptional(query.Kind));
        context.Filter("Search", query.Search?.Trim());
        var sources = ListFundingSourcesHandler.Filter(db.FundingSources.AsNoTracking(), query); // the funding page's own filter

        var perSource = await sources
            .Select(f => new Source(f.Id, f.Name, f.Kind, f.FiscalYear, f.DocumentNumber, f.Amount,
                db.Allocations.Where(a => a.FundingSourceId == f.Id).Sum(a => (decimal?)a.Amount) ?? 0m,
                db.Disbursements.Where(d => d.Allocation.FundingSourceId == f.Id).Sum(d => (decimal?)d.Amount) ?? 0m))
            .ToListAsync(cancellationToken);
        var summary = perSource
            .GroupBy(s => (s.FiscalYear, s.Kind))
            .OrderByDescending(g => g.Key.FiscalYear).ThenBy(g => g.Key.Kind)
            .Select(g => new object?[]
            {
                g.Key.FiscalYear, text.Of(g.Key.Kind), g.Count(), g.Sum(s => s.Amount), g.Sum(s => s.Allocated), g.Sum(s => s.Disbursed),
                g.Sum(s => s.Amount - s.Allocated), g.Sum(s => s.Amount - s.Disbursed),
            })
            .ToList();

        // Both queries sort by the same key, so the detail sheet merges them while streaming.
        var allocations = from a in db.Allocations.AsNoTracking()
                          join f in sources on a.FundingSourceId equals f.Id
                          join c in db.Contracts on a.ContractId equals c.Id
                          join g in db.Agencies on c.AgencyId equals g.Id
                          orderby f.FiscalYear descending, f.Name, f.Id, a.Id
                          select new AllocationLine(a.Id, f.Name, f.DocumentNumber, f.FiscalYear, f.Kind, c.Number, g.Name, a.Amount);
        var disbursements = from d in db.Disbursements.AsNoTracking()
                            join a in db.Allocations on d.AllocationId equals a.Id
                            join f in sources on a.FundingSourceId equals f.Id
                            orderby f.FiscalYear descending, f.Name, f.Id, a.Id, d.PaidOn, d.Id
                            select new DisbursementLine(a.Id, d.VoucherNumber, d.PaidOn, d.Amount);
        var allocationList = await allocations.ToListAsync(cancellationToken); // one per contract and source: small
        var detailCount = allocationList.Count + await disbursements.CountAsync(cancellationToken);

        LedgerColumn[] summaryColumns =
        [
            text.Column("FiscalYear", 10, LedgerCellKind.Integer),
            text.Column("FundingKind", 14, LedgerCellKind.Text),
            text.Column("SourceCount", 12, LedgerCellKind.Integer, LedgerTotal.Sum),
            text.Column("SourceAmount", 16, LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Allocated", 16, LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Disbursed", 16, LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Unallocated", 16, LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Balance", 16, LedgerCellKind.Money, LedgerTotal.Sum),
        ];
        LedgerColumn[] detailColumns =
        [
            text.Column("FundingSource", 30, LedgerCellKind.Text),
            text.Column("DocumentNumber", 20, LedgerCellKind.Text),
            text.Column("FiscalYear", 10, LedgerCellKind.Integer),
            text.Column("FundingKind", 12, LedgerCellKind.Text),
            text.Column("LineType", 8, LedgerCellKind.Text),
            text.Column("ContractNumber", 16, LedgerCellKind.Text),
            text.Column("Agency", 30, LedgerCellKind.Text),
            text.Column("Voucher", 16, LedgerCellKind.Text),
            text.Column("Date", 12, LedgerCellKind.Date),
            text.Column("Allocated", 16, LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Disbursed", 16, LedgerCellKind.Money, LedgerTotal.Sum),
        ];
        var title = text["Title.Funds"];
        var preamble = context.Preamble(title);
        return new LedgerDocument(title,
        [
            new LedgerSheet(text["Sheet.Summary"], preamble, summaryColumns, summary.Count, LedgerRows.Of(summary)),
            new LedgerSheet(text["Sheet.Details"], preamble, detailColumns, detailCount,
                Detail(allocationList, disbursements.AsAsyncEnumerable(), text, cancellationToken)),
        ], text);
    }

    private static async IAsyncEnumerable<object?[]> Detail(
        List<AllocationLine> allocations, IAsyncEnumerable<DisbursementLine> disbursements, ExportText text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (allocationLabel, disbursementLabel) = (text["Col.LineAllocation"], text["Col.LineDisbursement"]);
        await using var payments = disbursements.GetAsyncEnumerator(cancellationToken);
        var hasPayment = await payments.MoveNextAsync();
        foreach (var a in allocations)
        {
            var kind = text.Of(a.Kind);
            yield return [a.Source, a.DocumentNumber, a.FiscalYear, kind, allocationLabel, a.ContractNumber, a.Agency, null, null, a.Amount, null];
            while (hasPayment && payments.Current.AllocationId == a.Id)
            {
                var d = payments.Current;
                yield return [a.Source, a.DocumentNumber, a.FiscalYear, kind, disbursementLabel, a.ContractNumber, a.Agency, d.Voucher, d.PaidOn, null, d.Amount];
                hasPayment = await payments.MoveNextAsync();
            }
        }
    }
}
