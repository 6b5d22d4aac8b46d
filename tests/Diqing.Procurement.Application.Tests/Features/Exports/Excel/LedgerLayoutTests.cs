using ClosedXML.Excel;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Tests.Features.Audit;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Exports.Excel;

/// <summary>
/// Awkward text as it may sit in the database (written there by SQL, past the app's validation): the
/// writer must keep it, escape it and keep R-25 (<c>LedgerLayout.CellText</c>, <c>LooksLikeFormula</c>). Own database.
/// </summary>
public sealed class LedgerLayoutTests : IAsyncLifetime
{
    // SQLite expressions, the text each must come out as (line breaks as Excel's LF) and whether it is quote-prefixed.
    private static readonly (string Sql, string Expected, bool Quoted)[] Names =
    [
        ("'  spaces around  '", "  spaces around  ", false),
        ("'line one' || char(13, 10) || 'line two' || char(10) || 'three'", "line one\nline two\nthree", false),
        ("char(13) || 'starts with CR'", "\nstarts with CR", true),
        ("char(9) || 'starts with a tab'", "\tstarts with a tab", true),
        ("'-5'", "-5", true),
        ("'@SUM(A1)'", "@SUM(A1)", true),
        ("'+1' || char(7) || 'bell'", "+1bell", true),
        ("'<tag> & \"quotes\" ''apostrophe'''", "<tag> & \"quotes\" 'apostrophe'", false),
        ("'𠀀 (U+20000) and 😀'", "𠀀 (U+20000) and 😀", false),
    ];

    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        var scenario = new ContractScenario(_app);
        for (var i = 0; i < Names.Length; i++)
        {
            var agency = await _app.AddAgencyAsync("机构" + i, VerifyAuditChainTests.Uscc(i + 1));
            await scenario.DraftAsync(agency, 10_000m + i);
            await _app.ExecuteRawSqlAsync($"UPDATE Agencies SET Name = {Names[i].Sql} WHERE Id = {agency};");
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Text_comes_back_intact_and_formula_like_text_stays_text()
    {
        var (workbook, _) = await LedgerAssert.ExportAsync(_app, new ContractLedgerRequest(new ListContractsQuery()), Roles.Auditor);
        using var __ = workbook;
        var cells = LedgerAssert.ColumnCells(workbook.Worksheet(1), "承接机构");

        Assert.Equal(Names.Select(n => n.Expected).Order(StringComparer.Ordinal), cells.Select(c => c.GetString()).Order(StringComparer.Ordinal));
        foreach (var cell in cells)
        {
            Assert.False(cell.HasFormula);
            Assert.Equal(XLDataType.Text, cell.DataType);
            Assert.True(Names.Single(n => n.Expected == cell.GetString()).Quoted == cell.Style.IncludeQuotePrefix, $"quote prefix of {cell.GetString()}");
        }
    }
}
