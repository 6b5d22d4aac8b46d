using ClosedXML.Excel;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Exports.Excel;

/// <summary>ADR 0009: the one .xlsx writer writes a package the OpenXml SDK finds valid, at any size and to any stream.</summary>
[Collection(LedgerCollection.Name)]
public sealed class XlsxWriterTests(LedgerData data)
{
    public static TheoryData<string> Kinds => ["Contracts", "Funds", "Disbursements", "Progress", "AuditLog"];

    public static ExportRequest RequestFor(string kind) => kind switch
    {
        "Contracts" => new ContractLedgerRequest(new ListContractsQuery()),
        "Funds" => new FundLedgerRequest(new ListFundingSourcesQuery()),
        "Disbursements" => new DisbursementLedgerRequest(),
        "Progress" => new ProgressLedgerRequest(),
        "AuditLog" => new AuditLedgerRequest(new AuditLogFilter()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_file_is_valid_open_xml(string kind)
    {
        var stream = new MemoryStream();
        await data.App.As<WriteExportHandler>(Roles.Auditor).HandleAsync(RequestFor(kind), stream);
        stream.Position = 0;
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => e.Path?.XPath + ": " + e.Description).ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_empty_ledger_is_a_valid_file_with_header_and_zero_totals()
    {
        var request = new ContractLedgerRequest(new ListContractsQuery { Search = "没有这样的合同" });
        var stream = new MemoryStream();
        var file = await data.App.As<WriteExportHandler>(Roles.Auditor).HandleAsync(request, stream);
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
    public async Task It_writes_to_a_forward_only_stream()
    {
        // An HTTP response body cannot seek: the zip is then written with data descriptors.
        var buffer = new MemoryStream();
        var file = await data.App.As<WriteExportHandler>(Roles.Auditor).HandleAsync(new DisbursementLedgerRequest(), new ForwardOnlyStream(buffer));
        buffer.Position = 0;

        using var workbook = new XLWorkbook(buffer);
        var sheet = workbook.Worksheet(1);
        Assert.Equal(file.RowCount, LedgerAssert.DataRows(sheet));
        LedgerAssert.TotalIs(sheet, "支付金额（元）", await data.QueryAsync(db => db.Disbursements.SumAsync(d => d.Amount)));
        LedgerAssert.PrintReady(sheet);
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
}
