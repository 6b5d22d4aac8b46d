using ClosedXML.Excel;
using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Tests.Features.Exports;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Contracts;

[Collection(LedgerCollection.Name)]
public sealed class ContractLedgerTests(LedgerData data)
{
    [Fact]
    public async Task Auditor_gets_every_contract_with_totals_equal_to_the_database()
    {
        var (workbook, file) = await data.ExportAsync(new ContractLedgerRequest(new ListContractsQuery()), Roles.Auditor);
        using var _ = workbook;
        var sheet = workbook.Worksheet(1);

        Assert.Matches(@"^政府购买服务合同台账-\d{8}\.xlsx$", file.FileName);
        var contracts = await data.QueryAsync(db => db.Contracts.CountAsync());
        var allocations = await data.QueryAsync(db => db.Allocations.CountAsync());
        Assert.Equal(["政府购买服务合同台账", "服务与期限", "资金来源"], workbook.Worksheets.Select(w => w.Name));
        Assert.Equal((2 * contracts) + allocations, file.RowCount);
        Assert.Equal(contracts, LedgerAssert.DataRows(sheet));
        Assert.Equal("政府购买服务合同台账", sheet.Cell(1, 1).GetString());
        Assert.Contains("迪庆州民政局", sheet.Cell(2, 1).GetString());
        Assert.Contains("auditor1", sheet.Cell(4, 1).GetString());
        Assert.Equal(
            ["合同编号", "项目名称", "承接机构", "统一社会信用代码", "采购方式", "合同金额（元）", "已支付（元）", "未支付（元）", "状态", "绩效评价得分", "绩效评价等级"],
            LedgerAssert.Headers(sheet));
        var (service, funding) = (workbook.Worksheet("服务与期限"), workbook.Worksheet("资金来源"));
        Assert.Equal(["合同编号", "项目名称", "服务类别", "服务对象", "县市", "签订日期", "开始日期", "结束日期"], LedgerAssert.Headers(service));
        Assert.Equal(["合同编号", "项目名称", "资金来源", "资金类别", "年度", "文号", "已分配（元）", "已支付（元）"], LedgerAssert.Headers(funding));
        Assert.Equal(contracts, LedgerAssert.DataRows(service));
        Assert.Equal(allocations, LedgerAssert.DataRows(funding));

        var amount = await data.QueryAsync(db => db.Contracts.SumAsync(c => c.Amount));
        var paid = await data.QueryAsync(db => db.Installments.SumAsync(i => i.PaidAmount));
        var allocated = await data.QueryAsync(db => db.Allocations.SumAsync(a => a.Amount));
        var disbursed = await data.QueryAsync(db => db.Disbursements.SumAsync(d => d.Amount));
        LedgerAssert.TotalIs(sheet, "合同金额（元）", amount);
        LedgerAssert.TotalIs(sheet, "已支付（元）", paid);
        LedgerAssert.TotalIs(sheet, "未支付（元）", amount - paid);
        LedgerAssert.TotalIs(sheet, "项目名称", contracts);
        Assert.Equal("\"共 \"0\" 个合同\"", LedgerAssert.Total(sheet, "项目名称").Style.NumberFormat.Format);
        LedgerAssert.TotalIs(funding, "已分配（元）", allocated);
        LedgerAssert.TotalIs(funding, "已支付（元）", disbursed);
        LedgerAssert.TotalIs(funding, "资金来源", allocations);
        LedgerAssert.Formats(sheet, "合同金额（元）", "#,##0.00");
        LedgerAssert.Formats(service, "开始日期", "yyyy-mm-dd");
        Assert.All(LedgerAssert.ColumnCells(service, "开始日期"), c => Assert.Equal(XLDataType.DateTime, c.DataType));
        Assert.Equal("#,##0.00", LedgerAssert.Total(sheet, "合同金额（元）").Style.NumberFormat.Format);
        Assert.All(workbook.Worksheets, w => LedgerAssert.PrintReady(w));
    }

    [Fact]
    public async Task The_contract_list_filter_applies_and_is_shown()
    {
        var request = new ContractLedgerRequest(new ListContractsQuery { Status = ContractStatus.Signed, PageSize = 1 });
        var (workbook, file) = await data.ExportAsync(request, Roles.ProcurementOfficer);
        using var _ = workbook;
        var sheet = workbook.Worksheet(1);

        var signed = await data.QueryAsync(db => db.Contracts.Where(c => c.Status == ContractStatus.Signed).ToListAsync());
        Assert.Equal(signed.Count, LedgerAssert.DataRows(sheet)); // paging ignored: every matching row
        Assert.DoesNotContain(LedgerAssert.ColumnCells(sheet, "状态"), c => c.GetString() == "草稿");
        Assert.Contains("状态：已签订", sheet.Cell(3, 1).GetString());
        LedgerAssert.TotalIs(sheet, "合同金额（元）", signed.Sum(c => c.Amount));
    }

    [Fact]
    public async Task An_agency_user_gets_only_its_own_agency_rows()
    {
        var (workbook, file) = await data.ExportAsync(new ContractLedgerRequest(new ListContractsQuery()), Roles.AgencyUser, data.Deqin, "deqin-user");
        using var _ = workbook;
        var sheet = workbook.Worksheet(1);

        var own = await data.QueryAsync(db => db.Contracts.Where(c => c.AgencyId == data.Deqin).ToListAsync());
        Assert.Equal(own.Count, LedgerAssert.DataRows(sheet));
        Assert.All(LedgerAssert.ColumnCells(workbook.Worksheet("资金来源"), "合同编号"), c => Assert.Contains(own, o => o.Number == c.GetString()));
        Assert.All(LedgerAssert.ColumnCells(sheet, "承接机构"), c => Assert.Equal("德钦县社会工作服务中心", c.GetString()));
        LedgerAssert.TotalIs(sheet, "合同金额（元）", own.Sum(c => c.Amount));

        // Asking for the other agency by filter does not widen the scope.
        var other = new ContractLedgerRequest(new ListContractsQuery { AgencyId = data.Injected });
        var (otherBook, otherFile) = await data.ExportAsync(other, Roles.AgencyUser, data.Deqin, "deqin-user");
        using (otherBook)
        {
            Assert.Equal(0, otherFile.RowCount);

            // Nor does the header name the other agency: the filter line shows only its id.
            var header = string.Join("\n", Enumerable.Range(1, LedgerAssert.HeaderRow).Select(r => otherBook.Worksheet(1).Cell(r, 1).GetString()));
            Assert.DoesNotContain(LedgerData.InjectedName, header);
            Assert.Contains("#" + data.Injected, header);
        }
    }

    [Fact]
    public async Task A_formula_like_agency_name_is_written_as_text()
    {
        var (workbook, _) = await data.ExportAsync(new ContractLedgerRequest(new ListContractsQuery()), Roles.Auditor);
        using var __ = workbook;
        var sheet = workbook.Worksheet(1);

        var cell = LedgerAssert.ColumnCells(sheet, "承接机构").Single(c => c.GetString() == LedgerData.InjectedName);
        Assert.False(cell.HasFormula);
        Assert.Equal(XLDataType.Text, cell.DataType);
        Assert.True(cell.Style.IncludeQuotePrefix);
    }

    [Fact]
    public async Task English_headers_when_the_ui_is_in_english()
    {
        var (workbook, file) = await data.ExportAsync(new ContractLedgerRequest(new ListContractsQuery()) { Culture = "en-US" }, Roles.Auditor);
        using var _ = workbook;
        var sheet = workbook.Worksheet(1);

        Assert.StartsWith("contract-ledger-", file.FileName);
        Assert.Equal("Purchase-of-service contract ledger", sheet.Cell(1, 1).GetString());
        Assert.Equal("Contract no.", LedgerAssert.Headers(sheet)[0]);
        Assert.Equal("Total", sheet.Cell(LedgerAssert.TotalsRow(sheet), 1).GetString());
        Assert.Contains("Page &P of &N", sheet.PageSetup.Footer.Center.GetText(XLHFOccurrence.OddPages));
    }

    [Theory]
    [InlineData(ContractSort.AmountDescending)]
    [InlineData(ContractSort.TitleAscending)]
    [InlineData(ContractSort.NumberDescending)]
    public async Task Rows_come_in_the_contract_lists_order(ContractSort sort)
    {
        var query = new ListContractsQuery { Sort = sort, PageSize = 100 };
        var list = await data.App.As<ListContractsHandler>(Roles.Auditor).HandleAsync(query);
        var (workbook, _) = await data.ExportAsync(new ContractLedgerRequest(query), Roles.Auditor);
        using var _ = workbook;

        Assert.Equal(list.Items.Select(c => c.Number), LedgerAssert.ColumnCells(workbook.Worksheet(1), "合同编号").Select(c => c.GetString()));
    }
}
