using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Exports.Excel;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

/// <summary>The contract ledger with the contract list's filters and order; paging is ignored (every matching row).</summary>
public sealed record ContractLedgerRequest(ListContractsQuery Filter) : ExportRequest, IExportKind
{
    public static string Kind => "Contracts";

    public static string Readers => ContractAccess.Readers;
}

/// <summary>
/// 政府购买服务合同台账: the contracts of the contract list's filter (all pages, its order), R-01 scoped, on three
/// sheets a page wide each: the contracts with their money and status, their service and term, and their
/// funding by source (one row per allocation, with what has been paid from it).
/// </summary>
internal sealed class ContractLedger : ExportDefinition<ContractLedgerRequest>
{
    private sealed record Row(
        string Number, string Title, string Agency, string Uscc, ProcurementMethod Method, ServiceCategory Category, List<TargetGroup> TargetGroups,
        Domain.Agencies.County County, decimal Amount, DateOnly? SignedOn, DateOnly StartOn, DateOnly EndOn, decimal Paid, ContractStatus Status,
        decimal? EvaluationScore);

    private sealed record FundingRow(string Number, string Title, string Source, FundingKind Kind, int FiscalYear, string DocumentNumber, decimal Amount, decimal Disbursed);

    protected override async Task<ExportDocument> BuildAsync(ExportContext context, ContractLedgerRequest request, CancellationToken cancellationToken)
    {
        var (db, user, text) = (context.Db, context.User, context.Text);
        var query = request.Filter;
        context.Filter("Search", query.Search?.Trim());
        context.Filter("Status", text.OfOptional(query.Status));
        await context.FilterAgencyAsync(query.AgencyId, cancellationToken);
        context.Filter("County", text.OfOptional(query.County));
        context.Filter("Year", query.Year);
        context.Filter("Method", text.OfOptional(query.Method));
        context.Filter("FundingKind", text.OfOptional(query.FundingKind));
        context.FilterOwnAgency();

        var contracts = ListContractsHandler.Filter(db, db.Contracts.AsNoTracking().Visible(user), query);
        var count = await contracts.CountAsync(cancellationToken);
        var rows = ListContractsHandler.Sort(contracts, query.Sort, db) // the same order as the contract list page
            .Select(c => new Row(
                c.Number, c.Title,
                db.Agencies.Where(a => a.Id == c.AgencyId).Select(a => a.Name).First(),
                db.Agencies.Where(a => a.Id == c.AgencyId).Select(a => a.UnifiedSocialCreditCode).First(),
                c.Method, c.Category, EF.Property<List<TargetGroup>>(c, "_targetGroups"),
                c.County, c.Amount, c.SignedOn, c.StartOn, c.EndOn,
                c.Installments.Sum(i => (decimal?)i.PaidAmount) ?? 0m,
                c.Status,
                c.Evaluation == null ? null : (decimal?)c.Evaluation.Score));

        // One row per allocation (a few per contract: in memory), in the contracts' order, then by source.
        var position = (await ListContractsHandler.Sort(contracts, query.Sort, db).Select(c => c.Id).ToListAsync(cancellationToken))
            .Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        var funding = (await (from a in db.Allocations.AsNoTracking()
                              join c in contracts on a.ContractId equals c.Id
                              select new
                              {
                                  a.Id, a.ContractId, Row = new FundingRow(c.Number, c.Title, a.FundingSource.Name, a.FundingSource.Kind, a.FundingSource.FiscalYear,
                                      a.FundingSource.DocumentNumber, a.Amount, a.Disbursements.Sum(d => (decimal?)d.Amount) ?? 0m),
                              }).ToListAsync(cancellationToken))
            .OrderBy(f => position.GetValueOrDefault(f.ContractId, int.MaxValue)).ThenBy(f => f.Row.FiscalYear).ThenBy(f => f.Row.Source, StringComparer.Ordinal).ThenBy(f => f.Id)
            .Select(f => f.Row)
            .ToList();

        var separator = text.IsEnglish ? ", " : "、";
        var title = text["Title.Contracts"];
        var preamble = context.Preamble(title);
        LedgerColumn[] main =
        [
            text.Column("ContractNumber", LedgerCellKind.Text),
            text.Column("Title", LedgerCellKind.Text, LedgerTotal.Count, wrapAt: 20, counts: "Contracts"),
            text.Column("Agency", LedgerCellKind.Text, wrapAt: 16),
            text.Column("Uscc", LedgerCellKind.Text),
            text.Column("Method", LedgerCellKind.Text, wrapAt: 10),
            text.Column("ContractAmount", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Paid", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Unpaid", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Status", LedgerCellKind.Text),
            text.Column("EvaluationScore", LedgerCellKind.Decimal),
            text.Column("EvaluationGrade", LedgerCellKind.Text),
        ];
        LedgerColumn[] service =
        [
            text.Column("ContractNumber", LedgerCellKind.Text),
            text.Column("Title", LedgerCellKind.Text, LedgerTotal.Count, wrapAt: 22, counts: "Contracts"),
            text.Column("Category", LedgerCellKind.Text, wrapAt: 12),
            text.Column("TargetGroups", LedgerCellKind.Text, wrapAt: 16),
            text.Column("County", LedgerCellKind.Text),
            text.Column("SignedOn", LedgerCellKind.Date),
            text.Column("StartOn", LedgerCellKind.Date),
            text.Column("EndOn", LedgerCellKind.Date),
        ];
        LedgerColumn[] sources =
        [
            text.Column("ContractNumber", LedgerCellKind.Text),
            text.Column("Title", LedgerCellKind.Text, wrapAt: 20),
            text.Column("FundingSource", LedgerCellKind.Text, LedgerTotal.Count, wrapAt: 20, counts: "Allocations"),
            text.Column("FundingKind", LedgerCellKind.Text),
            text.Column("FiscalYear", LedgerCellKind.Integer),
            text.Column("DocumentNumber", LedgerCellKind.Text),
            text.Column("Allocated", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Disbursed", LedgerCellKind.Money, LedgerTotal.Sum),
        ];
        return new LedgerDocument(title,
        [
            new LedgerSheet(title, preamble, main, count, LedgerRows.Map(rows.AsAsyncEnumerable(), r => new object?[]
            {
                r.Number, r.Title, r.Agency, r.Uscc, text.Of(r.Method), r.Amount, r.Paid, r.Amount - r.Paid, text.Of(r.Status), r.EvaluationScore,
                r.EvaluationScore is { } score ? text.Of(PerformanceEvaluation.GradeOf(score)) : null,
            }, cancellationToken)),
            new LedgerSheet(text["Sheet.ServiceAndTerm"], preamble, service, count, LedgerRows.Map(rows.AsAsyncEnumerable(), r => new object?[]
            {
                r.Number, r.Title, text.Of(r.Category), string.Join(separator, r.TargetGroups.Select(text.Of)), text.Of(r.County), r.SignedOn, r.StartOn, r.EndOn,
            }, cancellationToken)),
            new LedgerSheet(text["Sheet.FundingBySource"], preamble, sources, funding.Count, LedgerRows.Of(funding.Select(f => new object?[]
            {
                f.Number, f.Title, f.Source, text.Of(f.Kind), f.FiscalYear, f.DocumentNumber, f.Amount, f.Disbursed,
            }))),
        ], text);
    }
}
