using System.IO.Compression;
using System.Text.RegularExpressions;
using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Announcements;
using Diqing.Procurement.Application.Features.Disclosure;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Tests.Features.Exports;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Announcements;

/// <summary>
/// The announcement as a downloadable Word document (issue 15): the same figures as the page and the Excel sheet, frozen
/// once published, a draft marked as one on every page, for the bureau and the auditor only (audited), and the published
/// one for anyone; opened by the Open XML SDK and printed by LibreOffice.
/// </summary>
public sealed class AnnouncementWordDocumentTests : IAsyncLifetime
{
    private AnnouncementYear _year = null!;

    public async Task InitializeAsync() => _year = await AnnouncementYear.CreateAsync();

    public async Task DisposeAsync() => await _year.App.DisposeAsync();

    private TestApp App => _year.App;

    private async Task PublishAsync()
    {
        var version = await App.As<SaveAnnouncementDraftHandler>(Roles.ProcurementOfficer)
            .HandleAsync(new SaveAnnouncementDraftCommand { Year = 2026, Narrative = "2026 年度，我局使用福彩公益金开展政府购买社会工作服务。\n监督电话：0887-8888888。" });
        await App.As<PublishAnnouncementHandler>(Roles.FinanceOfficer, userName: "finance").HandleAsync(new PublishAnnouncementCommand(2026, version));
    }

    private async Task<(ExportFile File, byte[] Bytes)> ExportAsync(string role = Roles.Auditor, string culture = "zh-CN")
    {
        var stream = new MemoryStream();
        var file = await App.As<WriteExportHandler>(role).HandleAsync(new AnnouncementDocumentRequest(2026) { Culture = culture }, stream);
        return (file, stream.ToArray());
    }

    [Fact]
    public async Task The_published_document_is_valid_open_xml_with_the_frozen_figures()
    {
        await PublishAsync();
        await _year.PayMidTermAsync(new DateOnly(2027, 2, 1)); // after publication: the ledger moves, the announcement does not
        var published = await App.As<GetAnnouncementHandler>(Roles.Auditor).HandleAsync(2026);

        var (file, bytes) = await ExportAsync();

        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", file.ContentType);
        Assert.Matches(@"^福彩公益金使用情况公告-\d{8}\.docx$", file.FileName);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => e.Path?.XPath + ": " + e.Description));
        Assert.Equal("2026年度福彩公益金使用情况公告", document.PackageProperties.Title);

        var paragraphs = Paragraphs(document);
        Assert.Equal("2026年度福彩公益金使用情况公告", paragraphs[0]);
        Assert.Equal("迪庆州民政局", paragraphs[1]);
        Assert.Equal("发布日期：2027-02-01", paragraphs[2]);
        Assert.Contains("监督电话：0887-8888888。", paragraphs);
        Assert.Equal(["一、资金收入情况", "二、资助项目及执行情况", "三、结转结余情况"], Headings(document));

        var tables = Tables(document);
        Assert.Equal(3, tables.Count);
        Assert.Equal(AnnouncementWordDocument.Money(published.Figures.ReceivedTotal), tables[0][^1][^1]);
        Assert.Equal("700,000.00", tables[0][^1][^1]);
        var projectTotal = tables[1][^1];
        Assert.Equal(["合计", "300,000.00", "90,000.00", "30.00", "服务 125 人"], projectTotal);
        Assert.Equal(90_000m, published.Figures.PaidTotal);
        var project = tables[1][1];
        Assert.StartsWith("困难群众骨病救助服务项目（测试）\n", project[0], StringComparison.Ordinal); // title, then the number on its own line
        Assert.EndsWith(_year.ContractNumber, project[0], StringComparison.Ordinal);
        Assert.Contains("入户探访：160", project[^1], StringComparison.Ordinal);
        Assert.Equal(AnnouncementWordDocument.Money(published.Figures.CarriedForwardTotal), tables[2][^1][^1]);

        // The header row repeats on every page; no row is split across pages.
        Assert.All(document.MainDocumentPart!.Document.Body!.Elements<Table>(), t =>
        {
            Assert.NotNull(t.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>());
            Assert.All(t.Elements<TableRow>(), r => Assert.NotNull(r.TableRowProperties!.GetFirstChild<CantSplit>()));
        });
        Assert.DoesNotContain(Footers(document), f => f.Contains("草稿", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_draft_says_so_on_every_page_and_shows_the_ledger_of_now()
    {
        var (_, before) = await ExportAsync(Roles.ProcurementOfficer);
        await new ContractScenario(App).SourceAsync(100_000m, FundingKind.WelfareLottery, "2026年省级福彩公益金（补充下达，测试）");
        var (_, after) = await ExportAsync(Roles.ProcurementOfficer);

        using var first = WordprocessingDocument.Open(new MemoryStream(before), false);
        using var second = WordprocessingDocument.Open(new MemoryStream(after), false);
        Assert.Equal("公告草稿：数据为导出时台账的数字，发布前仍会变化。", Paragraphs(first)[2]);
        Assert.Contains(Footers(first), f => f.Contains("公告草稿", StringComparison.Ordinal));
        Assert.Equal("（公告正文尚未撰写。）", Paragraphs(first)[3]);
        Assert.Equal("700,000.00", Tables(first)[0][^1][^1]);
        Assert.Equal("800,000.00", Tables(second)[0][^1][^1]); // a source of the year granted since: a draft is the ledger of now
    }

    [Fact]
    public async Task Its_download_is_audited_with_its_format()
    {
        var (file, _) = await ExportAsync(Roles.FinanceOfficer);

        await using var db = await App.DbAsync();
        var entry = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).LastAsync();
        Assert.Equal(WriteExportHandler.AuditSubject, entry.EntityType);
        Assert.Equal(AnnouncementDocumentRequest.Kind, entry.EntityKey);
        Assert.Contains("\"format\":\"docx\"", entry.Changes, StringComparison.Ordinal);
        Assert.Contains($"\"rows\":{file.RowCount}", entry.Changes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.AgencyUser)]
    [InlineData(Roles.Judge)]
    public async Task Agencies_and_judges_cannot_download_it(string role)
    {
        await PublishAsync();
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => App.As<WriteExportHandler>(role, 1).HandleAsync(new AnnouncementDocumentRequest(2026), new MemoryStream()));
    }

    [Fact]
    public async Task The_public_gets_the_published_document_without_the_publishers_name()
    {
        await using var scope = App.Scope();
        var handler = scope.ServiceProvider.GetRequiredService<WritePublicAnnouncementDocumentHandler>();
        var draftStream = new MemoryStream();
        Assert.Null(await handler.WriteAsync(2026, "zh-CN", draftStream));
        Assert.Equal(0, draftStream.Length);
        Assert.Null(await handler.WriteAsync(2024, "zh-CN", new MemoryStream()));

        await PublishAsync();
        var stream = new MemoryStream();
        var file = await handler.WriteAsync(2026, "zh-CN", stream);

        Assert.NotNull(file);
        Assert.Equal("2026年度福彩公益金使用情况公告.docx", file.FileName);
        var (_, exported) = await ExportAsync();
        using var document = WordprocessingDocument.Open(new MemoryStream(stream.ToArray()), false);
        using var bureauCopy = WordprocessingDocument.Open(new MemoryStream(exported), false);
        Assert.Equal(Paragraphs(bureauCopy), Paragraphs(document));
        Assert.Equal(Tables(bureauCopy), Tables(document));
        Assert.Equal("迪庆州民政局", document.PackageProperties.Creator);
        Assert.DoesNotContain("finance", PackageText(stream.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_english_its_headings_and_page_numbers_are_english()
    {
        await PublishAsync();
        var (file, bytes) = await ExportAsync(culture: "en-US");

        Assert.Matches(@"^Welfare-lottery fund announcement-\d{8}\.docx$", file.FileName);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Equal(["1. Funds received", "2. Funded projects and their execution", "3. Balances carried forward"], Headings(document));
        Assert.Equal("Published on 2027-02-01", Paragraphs(document)[2]);
        Assert.Contains(Footers(document), f => f.StartsWith("Page ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LibreOffice_prints_it_on_A4_portrait_with_its_figures_whole()
    {
        OfficeSuite.RequireTools();
        await PublishAsync();
        var (_, bytes) = await ExportAsync();
        var folder = Path.Combine(App.Folder, "print-announcement");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "announcement.docx");
        await File.WriteAllBytesAsync(path, bytes);

        var pdf = await OfficeSuite.ConvertToPdfAsync(path, folder);

        var info = await OfficeSuite.RunAsync("pdfinfo", pdf);
        Assert.Matches(@"Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)", info);
        var pages = await OfficeSuite.PagesAsync(pdf);
        var text = Compact(string.Concat(pages));
        Assert.StartsWith("2026年度福彩公益金使用情况公告", Compact(pages[0]), StringComparison.Ordinal);
        foreach (var figure in new[] { "700,000.00", "300,000.00", "90,000.00", "610,000.00", _year.ContractNumber })
        {
            Assert.Contains(figure, string.Concat(pages), StringComparison.Ordinal); // whole on one line, not wrapped
        }

        for (var page = 0; page < pages.Count; page++)
        {
            Assert.Contains($"第{page + 1}页，共{pages.Count}页", Compact(pages[page]), StringComparison.Ordinal);
        }

        Assert.Contains("三、结转结余情况", text, StringComparison.Ordinal);
    }

    private static List<string> Paragraphs(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ToList();

    private static List<string> Headings(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document.Body!.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();

    /// <summary>Each table's rows of cell texts, a cell's lines joined by a line feed.</summary>
    private static List<List<List<string>>> Tables(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document.Body!.Elements<Table>()
            .Select(t => t.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(CellText).ToList()).ToList()).ToList();

    private static string CellText(TableCell cell) =>
        string.Concat(cell.Descendants().Select(e => e switch { Text t => t.Text, Break => "\n", _ => string.Empty }));

    private static List<string> Footers(WordprocessingDocument document) =>
        document.MainDocumentPart!.FooterParts.SelectMany(f => f.Footer.Elements<Paragraph>()).Select(p => p.InnerText).ToList();

    private static string PackageText(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        return string.Concat(zip.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        }));
    }

    private static string Compact(string text) => Regex.Replace(text, @"\s+", string.Empty);
}
