using ClosedXML.Excel;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Application.Tests.Features.Exports;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Auditing;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Audit;

/// <summary>The audit export states the chain verification done at export time, including a failed one. Own database: it is tampered with.</summary>
public sealed class AuditLedgerTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        await _app.AddAgencyAsync("机构一", "52533422MJD000001F");
        await _app.AddAgencyAsync("机构二", "52533401MJD0000025");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_broken_chain_is_reported_above_the_header_and_the_rows_show_what_the_database_holds()
    {
        // As in the chain tests: a DBA drops the append-only trigger and edits an entry.
        await _app.ExecuteRawSqlAsync("DROP TRIGGER IF EXISTS AuditEntries_NoUpdate;");
        await _app.ExecuteRawSqlAsync(
            "UPDATE AuditEntries SET UserName = 'nobody' WHERE Id = (SELECT Id FROM AuditEntries WHERE EntityType = 'Agency' ORDER BY Id LIMIT 1 OFFSET 1);");
        var chain = await _app.As<VerifyAuditChainHandler>(Roles.Auditor).HandleAsync();
        Assert.False(chain.IsIntact);
        var tampered = chain.FirstBrokenEntryId!.Value;

        var (workbook, file) = await LedgerAssert.ExportAsync(_app, new AuditLedgerRequest(new AuditLogFilter()), Roles.Auditor);
        using var _ = workbook;
        var sheet = workbook.Worksheet(1);

        Assert.Equal($"审计链校验（导出时）：不完整，自第 {tampered} 条起被篡改或缺失（已校验 {chain.CheckedCount} 条）", sheet.Cell(5, 1).GetString());
        Assert.Equal("审计链头（导出时）：审计链不完整，未写入检查点", sheet.Cell(6, 1).GetString());
        Assert.False(Directory.Exists(_app.CheckpointFolder) && Directory.EnumerateFiles(_app.CheckpointFolder).Any());
        const int headerRow = 7;
        await using var db = await _app.DbAsync();
        var entries = await db.AuditEntries.CountAsync() - 1; // the export's own event comes after the file
        Assert.Equal(entries, file.RowCount);
        LedgerAssert.TotalIs(sheet, "时间（北京时间）", entries, headerRow);
        var row = LedgerAssert.ColumnCells(sheet, "序号", headerRow).Single(c => LedgerAssert.Number(c) == tampered).Address.RowNumber;
        Assert.Equal("nobody", sheet.Cell(row, LedgerAssert.Column(sheet, "用户", headerRow)).GetString());
        LedgerAssert.PrintReady(sheet, headerRow);
    }
}

/// <summary>The audit export on the shared ledger data.</summary>
[Collection(LedgerCollection.Name)]
public sealed class AuditLedgerFilterTests(LedgerData data)
{
    [Fact]
    public async Task Audit_export_holds_the_filtered_entries_and_the_chain_verification()
    {
        var filter = new AuditLogFilter { EntityType = "PurchaseContract", Action = AuditAction.Created };
        var (workbook, file) = await data.ExportAsync(new AuditLedgerRequest(filter), Roles.Auditor);
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
        Assert.All(LedgerAssert.ColumnCells(sheet, "MAC（HMAC-SM3）", headerRow), c => Assert.Matches("^[0-9a-f]{64}$", c.GetString()));
        LedgerAssert.TotalIs(sheet, "时间（北京时间）", expected, headerRow);
        Assert.All(LedgerAssert.ColumnCells(sheet, "操作", headerRow), c => Assert.Equal("新增", c.GetString()));
        Assert.All(LedgerAssert.ColumnCells(sheet, "对象类型", headerRow), c => Assert.Equal("合同", c.GetString()));
        Assert.All(LedgerAssert.ColumnCells(sheet, "对象类型（原名）", headerRow), c => Assert.Equal("PurchaseContract", c.GetString()));
        Assert.All(LedgerAssert.ColumnCells(sheet, "变更内容", headerRow), c => Assert.Contains("项目名称：", c.GetString()));
        Assert.All(LedgerAssert.ColumnCells(sheet, "变更（JSON，原文）", headerRow), c => Assert.StartsWith("[{\"property\":", c.GetString()));
        LedgerAssert.Formats(sheet, "时间（北京时间）", "yyyy-mm-dd hh:mm:ss", headerRow);
        Assert.Equal("$A$1:$G$" + LedgerAssert.TotalsRow(sheet), sheet.PageSetup.PrintAreas.Single().RangeAddress.ToString()); // the stored form is not printed
        LedgerAssert.PrintReady(sheet, headerRow);
    }
}
