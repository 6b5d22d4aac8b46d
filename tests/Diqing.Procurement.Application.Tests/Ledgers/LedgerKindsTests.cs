using ClosedXML.Excel;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Application.Features.Ledgers;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Ledgers;

[Collection(LedgerCollection.Name)]
public sealed class LedgerKindsTests(LedgerData data)
{
    [Fact]
    public async Task Fund_ledger_summary_and_detail_totals_equal_the_database()
    {
        var (workbook, file) = await data.ExportAsync(new LedgerRequest(LedgerKind.Funds) { Funding = new ListFundingSourcesQuery(FiscalYear: 2026) }, Roles.FinanceOfficer);
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

    [Fact]
    public async Task Agency_users_get_no_fund_ledger_score_sheet_or_audit_log()
    {
        foreach (var kind in new[] { LedgerKind.Funds, LedgerKind.CompetitionScores, LedgerKind.AuditLog })
        {
            var handler = data.App.As<ExportLedgerHandler>(Roles.AgencyUser, data.Deqin);
            await Assert.ThrowsAsync<Common.ForbiddenAccessException>(() => handler.HandleAsync(new LedgerRequest(kind) { CompetitionId = 1 }, new MemoryStream()));
        }
    }

    [Fact]
    public async Task Disbursement_ledger_lists_every_payment_and_a_formula_like_voucher_stays_text()
    {
        var (workbook, file) = await data.ExportAsync(new LedgerRequest(LedgerKind.Disbursements), Roles.Auditor);
        using var _ = workbook;
        var sheet = workbook.Worksheet(1);

        var payments = await data.QueryAsync(db => db.Disbursements.Select(d => d.Amount).ToListAsync());
        Assert.Equal(payments.Count, file.RowCount);
        LedgerAssert.TotalIs(sheet, "支付金额（元）", payments.Sum());
        LedgerAssert.TotalIs(sheet, "凭证号", payments.Count);
        LedgerAssert.Formats(sheet, "支付日期", "yyyy-mm-dd");
        Assert.Equal(new DateTime(2026, 1, 20), LedgerAssert.ColumnCells(sheet, "支付日期")[0].GetDateTime());
        var voucher = LedgerAssert.ColumnCells(sheet, "凭证号").Single(c => c.GetString() == "=1+2");
        Assert.False(voucher.HasFormula);
        Assert.Equal("=1+2", voucher.Value);
        LedgerAssert.PrintReady(sheet);
    }

    [Fact]
    public async Task Disbursement_ledger_of_an_agency_user_holds_only_its_own_payments()
    {
        var (workbook, file) = await data.ExportAsync(new LedgerRequest(LedgerKind.Disbursements), Roles.AgencyUser, data.Injected, "injected-user");
        using var _ = workbook;
        var sheet = workbook.Worksheet(1);

        var own = await data.QueryAsync(db => db.Disbursements
            .Where(d => db.Contracts.Any(c => c.Id == d.Allocation.ContractId && c.AgencyId == data.Injected)).Select(d => d.Amount).ToListAsync());
        Assert.NotEmpty(own);
        Assert.Equal(own.Count, file.RowCount);
        Assert.All(LedgerAssert.ColumnCells(sheet, "承接机构"), c => Assert.Equal(LedgerData.InjectedName, c.GetString()));
        LedgerAssert.TotalIs(sheet, "支付金额（元）", own.Sum());
    }

    [Fact]
    public async Task Progress_ledger_has_each_milestone_and_counts_the_overdue_ones_like_the_overdue_page()
    {
        var (workbook, file) = await data.ExportAsync(new LedgerRequest(LedgerKind.Progress), Roles.ProcurementOfficer);
        using var _ = workbook;
        var sheet = workbook.Worksheet(1);

        var milestones = await data.QueryAsync(db => db.Milestones.CountAsync(m => db.Contracts.Any(c => c.Id == m.ContractId && c.Status != Domain.Contracts.ContractStatus.Draft)));
        var overdue = await data.App.As<OverdueMilestonesHandler>(Roles.ProcurementOfficer).HandleAsync();
        Assert.Equal(milestones, file.RowCount);
        LedgerAssert.TotalIs(sheet, "里程碑", milestones);
        LedgerAssert.TotalIs(sheet, "逾期天数", overdue.Count);
        Assert.All(LedgerAssert.ColumnCells(sheet, "报告状态"), c => Assert.Equal("未提交", c.GetString()));
        Assert.All(LedgerAssert.ColumnCells(sheet, "绩效指标（目标／实际）"), c => Assert.StartsWith("入户探访：目标 300人次，实际 —", c.GetString()));
        LedgerAssert.Formats(sheet, "截止日期", "yyyy-mm-dd");
        LedgerAssert.PrintReady(sheet);

        var (own, ownFile) = await data.ExportAsync(new LedgerRequest(LedgerKind.Progress), Roles.AgencyUser, data.Injected, "injected-user");
        own.Dispose();
        Assert.Equal(await data.QueryAsync(db => db.Milestones.CountAsync(m => m.ContractId == data.Second.ContractId)), ownFile.RowCount);
    }

    [Fact]
    public async Task Audit_export_holds_the_filtered_entries_and_the_chain_verification()
    {
        var filter = new AuditLogFilter { EntityType = "PurchaseContract", Action = AuditAction.Created };
        var (workbook, file) = await data.ExportAsync(new LedgerRequest(LedgerKind.AuditLog) { Audit = filter }, Roles.Auditor);
        using var _ = workbook;
        var sheet = workbook.Worksheet(1);

        var expected = await data.QueryAsync(db => SearchAuditLogHandler.Apply(db.AuditEntries, filter).CountAsync());
        Assert.Equal(expected, file.RowCount);
        Assert.StartsWith("审计链校验（导出时）：完整", sheet.Cell(5, 1).GetString());
        // The chain head at export is in the preamble and in a signed checkpoint outside the database.
        var checkpoint = data.App.Services.GetRequiredService<AuditCheckpointStore>().Latest();
        Assert.NotNull(checkpoint);
        Assert.StartsWith($"审计链头（导出时）：第 {checkpoint.Sequence} 条，MAC {checkpoint.Mac}；", sheet.Cell(6, 1).GetString());
        const int headerRow = 7;
        LedgerAssert.TotalIs(sheet, "时间", expected, headerRow);
        Assert.All(LedgerAssert.ColumnCells(sheet, "操作", headerRow), c => Assert.Equal("新增", c.GetString()));
        Assert.All(LedgerAssert.ColumnCells(sheet, "对象类型", headerRow), c => Assert.Equal("PurchaseContract", c.GetString()));
        LedgerAssert.Formats(sheet, "时间", "yyyy-mm-dd hh:mm:ss", headerRow);
        LedgerAssert.PrintReady(sheet, headerRow);
    }
}
