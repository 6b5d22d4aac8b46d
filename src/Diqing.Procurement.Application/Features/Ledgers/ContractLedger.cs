using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Ledgers;

/// <summary>政府购买服务合同台账: one row per contract of the contract list's filter (all pages), R-01 scoped.</summary>
internal static class ContractLedger
{
    private sealed record Row(
        string Number, string Title, string Agency, string Uscc, ProcurementMethod Method, ServiceCategory Category, List<TargetGroup> TargetGroups,
        Domain.Agencies.County County, decimal Amount, decimal WelfareLottery, decimal Fiscal, decimal ExternalGrant, decimal Donation,
        DateOnly? SignedOn, DateOnly StartOn, DateOnly EndOn, decimal Paid, ContractStatus Status, decimal? EvaluationScore);

    public static async Task<LedgerDocument> BuildAsync(LedgerContext context, CancellationToken cancellationToken)
    {
        var (db, user, text) = (context.Db, context.User, context.Text);
        var query = context.Request.Contracts ?? new ListContractsQuery();
        context.Filter("Search", query.Search?.Trim());
        context.Filter("Status", text.OfOptional(query.Status));
        await context.FilterAgencyAsync(query.AgencyId, cancellationToken);
        context.Filter("County", text.OfOptional(query.County));
        context.Filter("Year", query.Year);
        context.Filter("Method", text.OfOptional(query.Method));
        context.Filter("FundingKind", text.OfOptional(query.FundingKind));
        if (Ledgers.LedgerScope.IsAgencyOnly(user))
        {
            context.Filters.Add(text["Label.OwnAgencyOnly"]);
        }

        var contracts = ListContractsHandler.Filter(db, db.Contracts.AsNoTracking().Visible(user), query);
        var count = await contracts.CountAsync(cancellationToken);
        var joined = from c in contracts
                     join a in db.Agencies on c.AgencyId equals a.Id
                     select new { C = c, a.Name, a.UnifiedSocialCreditCode };

        // The same order as the contract list page.
        joined = query.Sort switch
        {
            ContractSort.NumberAscending => joined.OrderBy(x => x.C.Year).ThenBy(x => x.C.SequenceNumber),
            ContractSort.AmountDescending => joined.OrderByDescending(x => x.C.Amount).ThenByDescending(x => x.C.Id),
            ContractSort.AmountAscending => joined.OrderBy(x => x.C.Amount).ThenBy(x => x.C.Id),
            ContractSort.EndDateAscending => joined.OrderBy(x => x.C.EndOn).ThenBy(x => x.C.Id),
            ContractSort.TitleAscending => joined.OrderBy(x => x.C.Title).ThenBy(x => x.C.Id),
            _ => joined.OrderByDescending(x => x.C.Year).ThenByDescending(x => x.C.SequenceNumber),
        };

        var rows = joined.Select(x => new Row(
                x.C.Number, x.C.Title, x.Name, x.UnifiedSocialCreditCode, x.C.Method, x.C.Category, EF.Property<List<TargetGroup>>(x.C, "_targetGroups"),
                x.C.County, x.C.Amount,
                db.Allocations.Where(a => a.ContractId == x.C.Id && a.FundingSource.Kind == FundingKind.WelfareLottery).Sum(a => (decimal?)a.Amount) ?? 0m,
                db.Allocations.Where(a => a.ContractId == x.C.Id && a.FundingSource.Kind == FundingKind.Fiscal).Sum(a => (decimal?)a.Amount) ?? 0m,
                db.Allocations.Where(a => a.ContractId == x.C.Id && a.FundingSource.Kind == FundingKind.ExternalGrant).Sum(a => (decimal?)a.Amount) ?? 0m,
                db.Allocations.Where(a => a.ContractId == x.C.Id && a.FundingSource.Kind == FundingKind.Donation).Sum(a => (decimal?)a.Amount) ?? 0m,
                x.C.SignedOn, x.C.StartOn, x.C.EndOn,
                x.C.Installments.Sum(i => (decimal?)i.PaidAmount) ?? 0m,
                x.C.Status,
                x.C.Evaluation == null ? null : (decimal?)x.C.Evaluation.Score))
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
        var sheet = new LedgerSheet(title, context.Preamble(title), columns, count, LedgerContext.Map(rows, r => new object?[]
        {
            r.Number, r.Title, r.Agency, r.Uscc, text.Of(r.Method), text.Of(r.Category), string.Join(separator, r.TargetGroups.Select(text.Of)),
            text.Of(r.County), r.Amount, r.WelfareLottery, r.Fiscal, r.ExternalGrant, r.Donation, r.SignedOn, r.StartOn, r.EndOn,
            r.Paid, r.Amount - r.Paid, text.Of(r.Status), r.EvaluationScore,
            r.EvaluationScore is { } score ? text.Of(PerformanceEvaluation.GradeOf(score)) : null,
        }, cancellationToken));
        return new LedgerDocument([sheet], text);
    }
}
