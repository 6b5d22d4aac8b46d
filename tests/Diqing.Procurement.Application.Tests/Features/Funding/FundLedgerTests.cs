using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Application.Tests.Features.Exports;
using Diqing.Procurement.Domain.Funding;
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
        var unallocated = await data.QueryAsync(db => db.FundingSources.CountAsync(f => f.FiscalYear == 2026 && !db.Allocations.Any(a => a.FundingSourceId == f.Id)));
        Assert.Equal(allocations + payments + unallocated, LedgerAssert.DataRows(detail));
        Assert.Equal(await data.QueryAsync(db => db.FundingSources.CountAsync(f => f.FiscalYear == 2026)), LedgerAssert.DataRows(summary));
        Assert.Equal(file.RowCount, LedgerAssert.DataRows(summary) + LedgerAssert.DataRows(detail));
        Assert.Contains(LedgerAssert.ColumnCells(detail, "凭证号"), c => c.GetString() == "记-2026-0001");
        LedgerAssert.Formats(detail, "已支付（元）", "#,##0.00");
        LedgerAssert.PrintReady(summary);
        LedgerAssert.PrintReady(detail);
    }

    [Fact]
    public async Task Each_source_has_its_own_row_those_with_nothing_allocated_too()
    {
        // Two welfare-lottery sources of one year (once merged into one summary row) and one without allocations.
        var first = await data.Scenario.SourceAsync(300_000m, FundingKind.WelfareLottery, "福彩分源甲");
        var second = await data.Scenario.SourceAsync(200_000m, FundingKind.WelfareLottery, "福彩分源乙");
        await data.Scenario.SourceAsync(50_000m, FundingKind.WelfareLottery, "福彩分源丙");
        var agency = await data.App.AddAgencyAsync("分源测试机构", Audit.VerifyAuditChainTests.Uscc(40));
        await data.App.As<Application.Features.Contracts.AllocateContractFundingHandler>(Roles.FinanceOfficer).AllocateAsync(await data.Scenario.DraftAsync(agency, 100_000m), first, 60_000m);

        var (workbook, _) = await data.ExportAsync(new FundLedgerRequest(new ListFundingSourcesQuery(Search: "福彩分源")), Roles.Auditor);
        using var _ = workbook;
        var (summary, detail) = (workbook.Worksheet("汇总"), workbook.Worksheet("明细"));

        Assert.Equal(["福彩分源丙", "福彩分源乙", "福彩分源甲"], LedgerAssert.ColumnCells(summary, "资金来源").Select(c => c.GetString()).Order(StringComparer.Ordinal));
        LedgerAssert.TotalIs(summary, "资金来源", 3);
        LedgerAssert.TotalIs(summary, "资金金额（元）", 550_000m);
        LedgerAssert.TotalIs(summary, "已分配（元）", 60_000m);
        Assert.Equal("\"共 \"0\" 个资金来源\"", LedgerAssert.Total(summary, "资金来源").Style.NumberFormat.Format);
        var lines = LedgerAssert.ColumnCells(detail, "资金来源").Zip(LedgerAssert.ColumnCells(detail, "类型"), (source, type) => source.GetString() + "/" + type.GetString()).ToList();
        Assert.Contains("福彩分源甲/分配", lines);
        Assert.Contains("福彩分源乙/无分配", lines);
        Assert.Contains("福彩分源丙/无分配", lines);
        Assert.Equal(3, lines.Count); // one allocation, two sources with none, no payments
        Assert.True(second > first);
    }
}
