using System.Globalization;
using System.Text.RegularExpressions;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Exports.Word;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace Diqing.Procurement.Application.Tests.Features.Exports.Word;

/// <summary>
/// The .docx writer on a document longer than a page, printed by LibreOffice: the table's header row at the top of every
/// page it runs onto, every amount and number whole on one line, every page numbered in its footer, A4 portrait.
/// </summary>
public sealed class DocxWriterTests : IDisposable
{
    private const int Rows = 120;

    private readonly string _folder = Directory.CreateTempSubdirectory("diqing-docx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static WordDocument LongDocument(ExportText text) => new(
        "测试文档：多页表格",
        ["迪庆州民政局"],
        [
            new WordParagraph("本文档用于检验表格跨页时的表头重复与数字完整。"),
            new WordHeading("一、明细"),
            new WordTable(
                [new("项目名称", Weight: 2), new("承接机构", Weight: 1.4), new("已分配（元）", IsNumeric: true), new("已支付（元）", IsNumeric: true), new("执行率（%）", IsNumeric: true)],
                Enumerable.Range(1, Rows).Select(i => new WordRow(
                [
                    $"香格里拉市建塘镇第{i}期困境儿童关爱与社区融合服务项目\nDQMZ-2026-{i:0000}", "迪庆州阳光社会工作服务中心",
                    Money(1_234_567.89m + i), Money(98_765.43m + i), "8.00",
                ])).ToList(),
                [new WordRow(["合计", Money(Enumerable.Range(1, Rows).Sum(i => 1_234_567.89m + i)), Money(Enumerable.Range(1, Rows).Sum(i => 98_765.43m + i)), "8.00"], LabelSpan: 2)]),
            new WordParagraph("说明：以上数字为测试数据。", IsNote: true),
        ],
        text);

    private static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private async Task<string> WriteAsync(string name)
    {
        var path = Path.Combine(_folder, name + ".docx");
        var written = new List<int>();
        await using (var file = File.Create(path))
        {
            var rows = await DocxWriter.WriteAsync(LongDocument(ExportText.For("zh-CN")), new DocxProperties("测试文档：多页表格", "年度：2026", "auditor", "迪庆州民政局", DateTime.UtcNow), file, written.Add, CancellationToken.None);
            Assert.Equal(Rows, rows);
        }

        Assert.Equal(Enumerable.Range(1, Rows), written);
        return path;
    }

    [Fact]
    public async Task It_is_valid_open_xml_with_its_properties()
    {
        var path = await WriteAsync("valid");

        using var document = WordprocessingDocument.Open(path, false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => e.Path?.XPath + ": " + e.Description));
        Assert.Equal("测试文档：多页表格", document.PackageProperties.Title);
        Assert.Equal("年度：2026", document.PackageProperties.Subject);
        Assert.Equal("auditor", document.PackageProperties.Creator);
        Assert.Equal("迪庆州民政局", document.ExtendedFilePropertiesPart!.Properties.Company!.Text);
    }

    [Fact]
    public async Task Printed_by_LibreOffice_every_page_repeats_the_header_and_keeps_numbers_whole()
    {
        OfficeSuite.RequireTools();
        var pdf = await OfficeSuite.ConvertToPdfAsync(await WriteAsync("long"), _folder);

        Assert.Matches(@"Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)", await OfficeSuite.RunAsync("pdfinfo", pdf));
        var pages = await OfficeSuite.PagesAsync(pdf);
        Assert.True(pages.Count >= 3, $"{Rows} rows print on {pages.Count} page(s): expected three or more");
        for (var page = 0; page < pages.Count; page++)
        {
            var lines = pages[page].Split('\n').Select(l => Regex.Replace(l, @"\s+", string.Empty)).Where(l => l.Length > 0).ToList();
            Assert.Contains($"第{page + 1}页，共{pages.Count}页", lines[^1], StringComparison.Ordinal);
            if (page > 0)
            {
                // A header cell that wraps is centred against the others: the header row is the page's first two or three lines.
                var top = string.Concat(lines.Take(3));
                Assert.True(new[] { "项目名称", "承接机构", "已分配", "已支付", "执行率" }.All(h => top.Contains(h, StringComparison.Ordinal)),
                    $"page {page + 1} starts with «{top}», not the header row");
            }
        }

        var all = string.Concat(pages);
        for (var i = 1; i <= Rows; i++)
        {
            Assert.Contains(Money(1_234_567.89m + i), all, StringComparison.Ordinal);
            Assert.Contains($"DQMZ-2026-{i:0000}", all, StringComparison.Ordinal);
        }
    }
}
