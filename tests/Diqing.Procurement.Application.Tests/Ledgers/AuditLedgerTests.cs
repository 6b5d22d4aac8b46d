using ClosedXML.Excel;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Application.Features.Ledgers;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Ledgers;

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

    [Theory]
    [InlineData(LedgerWriterKind.ClosedXml)]
    [InlineData(LedgerWriterKind.Streaming)]
    public async Task A_broken_chain_is_reported_above_the_header_and_the_rows_show_what_the_database_holds(LedgerWriterKind writer)
    {
        // As in the chain tests: a DBA drops the append-only trigger and edits an entry.
        await _app.ExecuteRawSqlAsync("DROP TRIGGER IF EXISTS AuditEntries_NoUpdate;");
        await _app.ExecuteRawSqlAsync(
            "UPDATE AuditEntries SET UserName = 'nobody' WHERE Id = (SELECT Id FROM AuditEntries WHERE EntityType = 'Agency' ORDER BY Id LIMIT 1 OFFSET 1);");
        var chain = await _app.As<VerifyAuditChainHandler>(Roles.Auditor).HandleAsync();
        Assert.False(chain.IsIntact);
        var tampered = chain.FirstBrokenEntryId!.Value;

        var stream = new MemoryStream();
        var file = await _app.As<ExportLedgerHandler>(Roles.Auditor, userName: "auditor1")
            .HandleAsync(new LedgerRequest(LedgerKind.AuditLog) { Writer = writer }, stream);
        stream.Position = 0;
        using var workbook = new XLWorkbook(stream);
        var sheet = workbook.Worksheet(1);

        Assert.Equal($"审计链校验（导出时）：不完整，自第 {tampered} 条起被篡改或缺失（已校验 {chain.CheckedCount} 条）", sheet.Cell(5, 1).GetString());
        Assert.Equal("审计链头（导出时）：审计链不完整，未写入检查点", sheet.Cell(6, 1).GetString());
        Assert.False(Directory.Exists(_app.CheckpointFolder) && Directory.EnumerateFiles(_app.CheckpointFolder).Any());
        const int headerRow = 7;
        await using var db = await _app.DbAsync();
        var entries = await db.AuditEntries.CountAsync() - 1; // the export's own event comes after the file
        Assert.Equal(entries, file.RowCount);
        LedgerAssert.TotalIs(sheet, "时间", entries, headerRow);
        var row = LedgerAssert.ColumnCells(sheet, "序号", headerRow).Single(c => LedgerAssert.Number(c) == tampered).Address.RowNumber;
        Assert.Equal("nobody", sheet.Cell(row, LedgerAssert.Column(sheet, "用户", headerRow)).GetString());
        LedgerAssert.PrintReady(sheet, headerRow);
    }
}
