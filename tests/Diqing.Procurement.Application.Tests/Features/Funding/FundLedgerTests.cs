using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Application.Tests.Features.Exports;
using Diqing.Procurement.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Funding;

[Collection(LedgerCollection.Name)]
public sealed class FundLedgerTests(LedgerData data)
{
    [Fact]
    public async Task Fund_ledger_summary_and_detail_totals_equal_the_database()
    {
        var (workbook, file) = await data.ExportAsync(new FundLedgerRequest(new ListFundingSourcesQuery(FiscalYear: 2026)), Roles.FinanceOfficer);
        using var _ = workbook;
        var (summary, detail) = (workbook.Worksheet("汇总"), workbook.Worksheet("明细"));

        var amount = await data.QueryAsync(db => db.FundingSources.Where(f => f.FiscalYear == 2026).SumAsync(f => f.Amount));
        var allocated = await data.QueryAsync(db => db.Allocations.Where(a => a.FundingSource.FiscalYear == 2026).SumAsync(a => a.Amount));
        var disbursed = await data.QueryAsync(db => db.Disbursements.Where(d => d.Allocation.FundingSource.FiscalYear == 2026).SumAsync(d => d.Amount));
        var allocations = await data.QueryAsync(db => db.Allocations.CountAsync(a => a.FundingSource.FiscalYear == 2026));
        var payments = await data.QueryAsync(db => db.Disbursements.CountAsync(d => d.Allocation.FundingSource.FiscalYear == 2026));
        Assert.Contains("年度：2026", summary.Cell(3, 1).GetString());
        LedgerAssert.TotalIs(summary, "资金金额（元）", amount);
        LedgerAssert.TotalIs(summary, "已分配（元）", allocated);
        LedgerAssert.TotalIs(summary, "已支付（元）", disbursed);
        LedgerAssert.TotalIs(summary, "结余（元）", amount - disbursed);
        LedgerAssert.TotalIs(summary, "未分配（元）", amount - allocated);
        LedgerAssert.TotalIs(detail, "已分配（元）", allocated);
        LedgerAssert.TotalIs(detail, "已支付（元）", disbursed);
        Assert.Equal(allocations + payments, LedgerAssert.DataRows(detail));
        Assert.Equal(file.RowCount, LedgerAssert.DataRows(summary) + LedgerAssert.DataRows(detail));
        Assert.Contains(LedgerAssert.ColumnCells(detail, "凭证号"), c => c.GetString() == "记-2026-0001");
        LedgerAssert.Formats(detail, "已支付（元）", "#,##0.00");
        LedgerAssert.PrintReady(summary);
        LedgerAssert.PrintReady(detail);
    }

}
