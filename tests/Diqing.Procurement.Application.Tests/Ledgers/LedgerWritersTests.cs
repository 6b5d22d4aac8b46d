using ClosedXML.Excel;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Ledgers;
using Diqing.Procurement.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Ledgers;

/// <summary>ADR 0009: the ClosedXML and streaming writers render the same ledger definition to the same workbook.</summary>
[Collection(LedgerCollection.Name)]
public sealed class LedgerWritersTests(LedgerData data)
{
    [Theory]
    [InlineData(LedgerKind.Contracts)]
    [InlineData(LedgerKind.Funds)]
    [InlineData(LedgerKind.Disbursements)]
    [InlineData(LedgerKind.Progress)]
    public async Task Both_writers_produce_the_same_cells_formats_totals_and_print_setup(LedgerKind kind)
    {
        var (closed, _) = await data.ExportAsync(new LedgerRequest(kind) { Writer = LedgerWriterKind.ClosedXml }, Roles.Auditor);
        var (streamed, _) = await data.ExportAsync(new LedgerRequest(kind) { Writer = LedgerWriterKind.Streaming }, Roles.Auditor);
        using var a = closed;
        using var b = streamed;

        Assert.Equal(a.Worksheets.Select(w => w.Name), b.Worksheets.Select(w => w.Name));
        foreach (var (x, y) in a.Worksheets.Zip(b.Worksheets))
        {
            LedgerAssert.PrintReady(y);
            Assert.Equal(x.SheetView.SplitRow, y.SheetView.SplitRow);
            Assert.Equal(x.AutoFilter.Range.RangeAddress.ToString(), y.AutoFilter.Range.RangeAddress.ToString());
            Assert.Equal(x.PageSetup.Footer.Center.GetText(XLHFOccurrence.OddPages), y.PageSetup.Footer.Center.GetText(XLHFOccurrence.OddPages));
            var lastRow = x.LastRowUsed().RowNumber();
            var lastColumn = x.LastColumnUsed().ColumnNumber();
            Assert.Equal(lastRow, y.LastRowUsed().RowNumber());
            Assert.Equal(lastColumn, y.LastColumnUsed().ColumnNumber());
            for (var c = 1; c <= lastColumn; c++)
            {
                Assert.Equal(x.Column(c).Width, y.Column(c).Width, 2);
            }

            for (var r = 1; r <= lastRow; r++)
            {
                for (var c = 1; c <= lastColumn; c++)
                {
                    var (p, q) = (x.Cell(r, c), y.Cell(r, c));
                    var where = $"{x.Name}!{p.Address}";
                    Assert.True(p.HasFormula == q.HasFormula, where + " formula");
                    Assert.Equal(p.FormulaA1, q.FormulaA1);
                    if (p.HasFormula)
                    {
                        Assert.True(p.GetValue<decimal>() == q.GetValue<decimal>(), $"{where}: {p.Value} vs {q.Value}");
                    }
                    else if (r != 4) // the export time line: each export has its own
                    {
                        Assert.True(Equals(p.Value, q.Value), $"{where}: {p.Value} vs {q.Value}");
                    }

                    Assert.Equal(p.DataType, q.DataType);
                    Assert.True(p.Style.NumberFormat.Format == q.Style.NumberFormat.Format, $"{where} format {p.Style.NumberFormat.Format} vs {q.Style.NumberFormat.Format}");
                    Assert.True(p.Style.Font.Bold == q.Style.Font.Bold, where + " bold");
                    Assert.True(p.Style.IncludeQuotePrefix == q.Style.IncludeQuotePrefix, where + " quote prefix");
                }
            }
        }
    }

    [Theory]
    [InlineData(LedgerKind.Funds)]
    [InlineData(LedgerKind.Disbursements)]
    [InlineData(LedgerKind.AuditLog)]
    public async Task The_streamed_file_is_valid_open_xml(LedgerKind kind)
    {
        var stream = new MemoryStream();
        await data.App.As<ExportLedgerHandler>(Roles.Auditor).HandleAsync(new LedgerRequest(kind) { Writer = LedgerWriterKind.Streaming }, stream);
        stream.Position = 0;
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => e.Path?.XPath + ": " + e.Description).ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_empty_ledger_streams_as_a_valid_file_with_header_and_zero_totals()
    {
        var request = new LedgerRequest(LedgerKind.Contracts) { Contracts = new ListContractsQuery { Search = "没有这样的合同" }, Writer = LedgerWriterKind.Streaming };
        var stream = new MemoryStream();
        var file = await data.App.As<ExportLedgerHandler>(Roles.Auditor).HandleAsync(request, stream);
        stream.Position = 0;
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false))
        {
            Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => e.Description));
        }

        stream.Position = 0;
        using var workbook = new XLWorkbook(stream);
        var sheet = workbook.Worksheet(1);
        Assert.Equal(0, file.RowCount);
        Assert.Equal(0, LedgerAssert.DataRows(sheet));
        Assert.Equal("合计", sheet.Cell(LedgerAssert.TotalsRow(sheet), 1).GetString());
        Assert.Equal(0m, LedgerAssert.Number(LedgerAssert.Total(sheet, "合同金额（元）")));
        LedgerAssert.PrintReady(sheet);
    }

    [Fact]
    public async Task The_streaming_writer_writes_to_a_forward_only_stream()
    {
        // An HTTP response body cannot seek: the zip is then written with data descriptors.
        var buffer = new MemoryStream();
        var file = await data.App.As<ExportLedgerHandler>(Roles.Auditor)
            .HandleAsync(new LedgerRequest(LedgerKind.Disbursements) { Writer = LedgerWriterKind.Streaming }, new ForwardOnlyStream(buffer));
        buffer.Position = 0;

        using var workbook = new XLWorkbook(buffer);
        var sheet = workbook.Worksheet(1);
        Assert.Equal(file.RowCount, LedgerAssert.DataRows(sheet));
        LedgerAssert.TotalIs(sheet, "支付金额（元）", await data.QueryAsync(db => db.Disbursements.SumAsync(d => d.Amount)));
        LedgerAssert.PrintReady(sheet);
    }

    [Fact]
    public async Task Progress_is_reported_up_to_the_row_count()
    {
        var reports = new List<LedgerProgress>();
        var file = await data.App.As<ExportLedgerHandler>(Roles.Auditor)
            .HandleAsync(new LedgerRequest(LedgerKind.Contracts), new MemoryStream(), new SynchronousProgress(reports.Add));
        Assert.Equal(new LedgerProgress(0, file.RowCount), reports[0]);
        Assert.Equal(new LedgerProgress(file.RowCount, file.RowCount), reports[^1]);
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }

    private sealed class SynchronousProgress(Action<LedgerProgress> report) : IProgress<LedgerProgress>
    {
        public void Report(LedgerProgress value) => report(value);
    }
}
