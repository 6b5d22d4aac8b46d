using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Application.Tests.Features.Exports;
using Diqing.Procurement.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Funding;

[Collection(LedgerCollection.Name)]
public sealed class DisbursementLedgerTests(LedgerData data)
{
    [Fact]
    public async Task Disbursement_ledger_lists_every_payment_and_a_formula_like_voucher_stays_text()
    {
        var (workbook, file) = await data.ExportAsync(new DisbursementLedgerRequest(), Roles.Auditor);
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
        var (workbook, file) = await data.ExportAsync(new DisbursementLedgerRequest(), Roles.AgencyUser, data.Injected, "injected-user");
        using var _ = workbook;
        var sheet = workbook.Worksheet(1);

        var own = await data.QueryAsync(db => db.Disbursements
            .Where(d => db.Contracts.Any(c => c.Id == d.Allocation.ContractId && c.AgencyId == data.Injected)).Select(d => d.Amount).ToListAsync());
        Assert.NotEmpty(own);
        Assert.Equal(own.Count, file.RowCount);
        Assert.All(LedgerAssert.ColumnCells(sheet, "承接机构"), c => Assert.Equal(LedgerData.InjectedName, c.GetString()));
        LedgerAssert.TotalIs(sheet, "支付金额（元）", own.Sum());
    }
}
