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

/// <summary>政府购买服务合同台账: one row per contract of the contract list's filter (all pages), R-01 scoped.</summary>
internal sealed class ContractLedger : ExportDefinition<ContractLedgerRequest>
{
    private sealed record Row(
        string Number, string Title, string Agency, string Uscc, ProcurementMethod Method, ServiceCategory Category, List<TargetGroup> TargetGroups,
        Domain.Agencies.County County, decimal Amount, decimal WelfareLottery, decimal Fiscal, decimal ExternalGrant, decimal Donation,
        DateOnly? SignedOn, DateOnly StartOn, DateOnly EndOn, decimal Paid, ContractStatus Status, decimal? EvaluationScore);

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
        var rows = ListContractsHandler.Sort(contracts, query.Sort) // the same order as the contract list page
            .Select(c => new Row(
                c.Number, c.Title,
                db.Agencies.Where(a => a.Id == c.AgencyId).Select(a => a.Name).First(),
                db.Agencies.Where(a => a.Id == c.AgencyId).Select(a => a.UnifiedSocialCreditCode).First(),
                c.Method, c.Category, EF.Property<List<TargetGroup>>(c, "_targetGroups"),
                c.County, c.Amount,
                db.Allocations.Where(a => a.ContractId == c.Id && a.FundingSource.Kind == FundingKind.WelfareLottery).Sum(a => (decimal?)a.Amount) ?? 0m,
                db.Allocations.Where(a => a.ContractId == c.Id && a.FundingSource.Kind == FundingKind.Fiscal).Sum(a => (decimal?)a.Amount) ?? 0m,
                db.Allocations.Where(a => a.ContractId == c.Id && a.FundingSource.Kind == FundingKind.ExternalGrant).Sum(a => (decimal?)a.Amount) ?? 0m,
                db.Allocations.Where(a => a.ContractId == c.Id && a.FundingSource.Kind == FundingKind.Donation).Sum(a => (decimal?)a.Amount) ?? 0m,
                c.SignedOn, c.StartOn, c.EndOn,
                c.Installments.Sum(i => (decimal?)i.PaidAmount) ?? 0m,
                c.Status,
                c.Evaluation == null ? null : (decimal?)c.Evaluation.Score))
            .AsAsyncEnumerable();

        LedgerColumn[] columns =
        [
            text.Column("ContractNumber", 16, LedgerCellKind.Text),
            text.Column("Title", 36, LedgerCellKind.Text, LedgerTotal.Count),
            text.Column("Agency", 30, LedgerCellKind.Text),
            text.Column("Uscc", 21, LedgerCellKind.Text),
            text.Column("Method", 14, LedgerCellKind.Text),
            text.Column("Category", 16, LedgerCellKind.Text),
            text.Column("TargetGroups", 24, LedgerCellKind.Text),
            text.Column("County", 14, LedgerCellKind.Text),
            text.Column("ContractAmount", 15, LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("FundedBy", 15, LedgerCellKind.Money, LedgerTotal.Sum, text.Of(FundingKind.WelfareLottery)),
            text.Column("FundedBy", 15, LedgerCellKind.Money, LedgerTotal.Sum, text.Of(FundingKind.Fiscal)),
            text.Column("FundedBy", 15, LedgerCellKind.Money, LedgerTotal.Sum, text.Of(FundingKind.ExternalGrant)),
            text.Column("FundedBy", 15, LedgerCellKind.Money, LedgerTotal.Sum, text.Of(FundingKind.Donation)),
            text.Column("SignedOn", 12, LedgerCellKind.Date),
            text.Column("StartOn", 12, LedgerCellKind.Date),
            text.Column("EndOn", 12, LedgerCellKind.Date),
            text.Column("Paid", 15, LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Unpaid", 15, LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Status", 10, LedgerCellKind.Text),
            text.Column("EvaluationScore", 10, LedgerCellKind.Decimal),
            text.Column("EvaluationGrade", 10, LedgerCellKind.Text),
        ];
        var separator = text.IsEnglish ? ", " : "、";
        var title = text["Title.Contracts"];
        var sheet = new LedgerSheet(title, context.Preamble(title), columns, count, LedgerRows.Map(rows, r => new object?[]
        {
            r.Number, r.Title, r.Agency, r.Uscc, text.Of(r.Method), text.Of(r.Category), string.Join(separator, r.TargetGroups.Select(text.Of)),
            text.Of(r.County), r.Amount, r.WelfareLottery, r.Fiscal, r.ExternalGrant, r.Donation, r.SignedOn, r.StartOn, r.EndOn,
            r.Paid, r.Amount - r.Paid, text.Of(r.Status), r.EvaluationScore,
            r.EvaluationScore is { } score ? text.Of(PerformanceEvaluation.GradeOf(score)) : null,
        }, cancellationToken));
        return new LedgerDocument(title, [sheet], text);
    }
}
