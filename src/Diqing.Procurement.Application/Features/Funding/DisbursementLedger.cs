using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Exports.Excel;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Funding;

/// <summary>
/// The disbursement ledger with the funding page's filters (year, kind and search apply to the funding
/// source), or of one contract. An agency user gets its own agency's payments only.
/// </summary>
public sealed record DisbursementLedgerRequest : ExportRequest, IExportKind
{
    public static string Kind => "Disbursements";

    public static string Readers => FundingAccess.Readers + "," + Roles.AgencyUser;

    public ListFundingSourcesQuery Funding { get; init; } = new();

    public int? ContractId { get; init; }
}

/// <summary>支付明细台账: every payment with its voucher, contract, agency, installment and funding source, oldest first.</summary>
internal sealed class DisbursementLedger : ExportDefinition<DisbursementLedgerRequest>
{
    private sealed record Row(DateOnly PaidOn, string Voucher, string ContractNumber, string Title, string Agency, string? Installment, string Source, FundingKind Kind, decimal Amount);

    protected override async Task<ExportDocument> BuildAsync(ExportContext context, DisbursementLedgerRequest request, CancellationToken cancellationToken)
    {
        var (db, user, text) = (context.Db, context.User, context.Text);
        var funding = request.Funding;
        context.Filter("Year", funding.FiscalYear);
        context.Filter("FundingKind", text.OfOptional(funding.Kind));
        context.Filter("Search", funding.Search?.Trim());
        await context.FilterContractAsync(request.ContractId, cancellationToken);
        context.FilterOwnAgency();

        var sources = ListFundingSourcesHandler.Filter(db.FundingSources.AsNoTracking(), funding);
        var contracts = db.Contracts.AsNoTracking().Visible(user);
        if (request.ContractId is { } contractId)
        {
            contracts = contracts.Where(c => c.Id == contractId);
        }

        var lines = from d in db.Disbursements.AsNoTracking()
                    join a in db.Allocations on d.AllocationId equals a.Id
                    join f in sources on a.FundingSourceId equals f.Id
                    join c in contracts on a.ContractId equals c.Id
                    join g in db.Agencies on c.AgencyId equals g.Id
                    select new { d, f, c, Agency = g.Name };
        var count = await lines.CountAsync(cancellationToken);
        var rows = lines
            .OrderBy(x => x.d.PaidOn).ThenBy(x => x.d.Id)
            .Select(x => new Row(x.d.PaidOn, x.d.VoucherNumber, x.c.Number, x.c.Title, x.Agency,
                db.Installments.Where(i => i.Id == x.d.InstallmentId).Select(i => i.Label).FirstOrDefault(),
                x.f.Name, x.f.Kind, x.d.Amount))
            .AsAsyncEnumerable();

        LedgerColumn[] columns =
        [
            text.Column("PaidOn", LedgerCellKind.Date),
            text.Column("Voucher", LedgerCellKind.Text, LedgerTotal.Count, counts: "Payments"),
            text.Column("ContractNumber", LedgerCellKind.Text),
            text.Column("Title", LedgerCellKind.Text, wrapAt: 20),
            text.Column("Agency", LedgerCellKind.Text, wrapAt: 16),
            text.Column("Installment", LedgerCellKind.Text, wrapAt: 10),
            text.Column("FundingSource", LedgerCellKind.Text, wrapAt: 16),
            text.Column("FundingKind", LedgerCellKind.Text),
            text.Column("PaymentAmount", LedgerCellKind.Money, LedgerTotal.Sum),
        ];
        var kinds = Enum.GetValues<FundingKind>().ToDictionary(k => k, text.Of);
        var title = text["Title.Disbursements"];
        var sheet = new LedgerSheet(title, context.Preamble(title), columns, count, LedgerRows.Map(rows, r => new object?[]
        {
            r.PaidOn, r.Voucher, r.ContractNumber, r.Title, r.Agency, r.Installment, r.Source, kinds[r.Kind], r.Amount,
        }, cancellationToken));
        return new LedgerDocument(title, [sheet], text);
    }
}
