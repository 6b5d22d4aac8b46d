using ClosedXML.Excel;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Exports;

/// <summary>
/// One seeded database shared by the ledger tests: two agencies (the second named like a formula, R-25),
/// two signed contracts with payments, one draft. Tests that add data use their own agencies or filters.
/// </summary>
public sealed class LedgerData : IAsyncLifetime
{
    public const string InjectedName = "=HYPERLINK(\"http://x\",\"y\")";

    public TestApp App { get; private set; } = null!;

    public ContractScenario Scenario { get; private set; } = null!;

    public int Deqin { get; private set; }

    public int Injected { get; private set; }

    public SignedContract First { get; private set; } = null!;

    public SignedContract Second { get; private set; } = null!;

    public int Draft { get; private set; }

    public async Task InitializeAsync()
    {
        App = await TestApp.CreateAsync();
        Scenario = new ContractScenario(App);
        Deqin = await App.AddAgencyAsync("德钦县社会工作服务中心", "52533422MJD000001F");
        Injected = await App.AddAgencyAsync(InjectedName, "52533401MJD0000025");
        First = await Scenario.SignedAsync(Deqin, 100_000.01m);
        Second = await Scenario.SignedAsync(Injected, 50_000m);
        Draft = await Scenario.DraftAsync(Deqin, 20_000m);
        await PayFirstInstallmentAsync(First.ContractId, "记-2026-0001");
        await PayFirstInstallmentAsync(Second.ContractId, "=1+2");
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public async Task PayFirstInstallmentAsync(int contractId, string voucher)
    {
        var detail = await App.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(contractId);
        var first = detail.Installments.OrderBy(i => i.Sequence).First();
        await App.As<RecordPaymentHandler>(Roles.FinanceOfficer)
            .HandleAsync(new RecordPaymentCommand(contractId, first.Id, voucher, new DateOnly(2026, 1, 20), first.Amount));
    }

    /// <summary>Exports as the given role and reopens the file with ClosedXML.</summary>
    public Task<(XLWorkbook Workbook, ExportFile File)> ExportAsync(ExportRequest request, string role, int? agencyId = null, string userName = "auditor1") =>
        LedgerAssert.ExportAsync(App, request, role, agencyId, userName);

    public async Task<T> QueryAsync<T>(Func<Infrastructure.Persistence.ProcurementDbContext, Task<T>> query)
    {
        await using var db = await App.DbAsync();
        return await query(db);
    }
}

[CollectionDefinition(Name)]
public sealed class LedgerCollection : ICollectionFixture<LedgerData>
{
    public const string Name = "Ledgers";
}

/// <summary>Assertions every ledger sheet must pass, whatever its writer.</summary>
internal static class LedgerAssert
{
    public const int HeaderRow = 5;

    /// <summary>Exports as the given role and reopens the file with ClosedXML.</summary>
    public static async Task<(XLWorkbook Workbook, ExportFile File)> ExportAsync(TestApp app, ExportRequest request, string role, int? agencyId = null, string userName = "auditor1")
    {
        var stream = new MemoryStream();
        var file = await app.As<WriteExportHandler>(role, agencyId, userName).HandleAsync(request, stream);
        stream.Position = 0;
        return (new XLWorkbook(stream), file);
    }

    public static IReadOnlyList<string> Headers(IXLWorksheet sheet, int headerRow = HeaderRow) =>
        sheet.Row(headerRow).CellsUsed().Select(c => c.GetString()).ToList();

    /// <summary>Data rows between the header and the totals row.</summary>
    public static int DataRows(IXLWorksheet sheet, int headerRow = HeaderRow) => TotalsRow(sheet) - headerRow - 1;

    public static int TotalsRow(IXLWorksheet sheet) => sheet.LastRowUsed().RowNumber();

    public static IXLCell Total(IXLWorksheet sheet, string header, int headerRow = HeaderRow) => sheet.Cell(TotalsRow(sheet), Column(sheet, header, headerRow));

    public static int Column(IXLWorksheet sheet, string header, int headerRow = HeaderRow) =>
        sheet.Row(headerRow).CellsUsed().Single(c => c.GetString() == header).Address.ColumnNumber;

    public static IReadOnlyList<IXLCell> ColumnCells(IXLWorksheet sheet, string header, int headerRow = HeaderRow)
    {
        var column = Column(sheet, header, headerRow);
        return Enumerable.Range(headerRow + 1, DataRows(sheet, headerRow)).Select(r => sheet.Cell(r, column)).ToList();
    }

    public static decimal Number(IXLCell cell) => cell.GetValue<decimal>();

    public static void PrintReady(IXLWorksheet sheet, int headerRow = HeaderRow)
    {
        Assert.Equal(headerRow, sheet.SheetView.SplitRow);
        Assert.NotNull(sheet.AutoFilter);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal(headerRow, sheet.AutoFilter.Range.RangeAddress.FirstAddress.RowNumber);
        Assert.Equal(Headers(sheet, headerRow).Count, sheet.AutoFilter.Range.ColumnCount());
        var page = sheet.PageSetup;
        Assert.Equal(XLPageOrientation.Landscape, page.PageOrientation);
        Assert.Equal(XLPaperSize.A4Paper, page.PaperSize);
        Assert.Equal(1, page.PagesWide);
        Assert.Equal(0, page.PagesTall);
        Assert.Equal(headerRow, page.FirstRowToRepeatAtTop);
        Assert.Equal(headerRow, page.LastRowToRepeatAtTop);
        var footer = page.Footer.Center.GetText(XLHFOccurrence.OddPages);
        Assert.Contains("&P", footer);
        Assert.Contains("&N", footer);
        for (var c = 1; c <= Headers(sheet, headerRow).Count; c++)
        {
            Assert.True(sheet.Column(c).Width >= 4, $"column {c} has a width from its content");
        }
    }

    public static void Formats(IXLWorksheet sheet, string header, string format, int headerRow = HeaderRow)
    {
        foreach (var cell in ColumnCells(sheet, header, headerRow).Where(c => !c.IsEmpty()))
        {
            Assert.Equal(format, cell.Style.NumberFormat.Format);
        }
    }

    /// <summary>R-24: the totals row holds a formula whose value is the database total.</summary>
    public static void TotalIs(IXLWorksheet sheet, string header, decimal expected, int headerRow = HeaderRow)
    {
        var cell = Total(sheet, header, headerRow);
        Assert.True(cell.HasFormula, $"total of {header} is a formula");
        Assert.Equal(expected, Number(cell));
    }
}
