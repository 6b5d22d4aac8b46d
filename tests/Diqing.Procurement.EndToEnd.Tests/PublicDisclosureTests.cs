using System.Net;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>Issue 15: the bureau publishes the welfare-lottery announcement; anyone reads it, the signed contracts and the results without login, on a phone.</summary>
public sealed class PublicDisclosureTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task The_bureau_publishes_an_announcement_and_anyone_reads_it_without_login()
    {
        const string narrative = "2024 年度福彩公益金未下达至本局，本年度无资助项目（端到端测试）。";
        await SignInAsync(Page, "procurement");
        await Page.GotoAsync("welfare-lottery/2024");
        await WaitInteractiveAsync(Page);
        await Expect(Page.Locator("[data-testid=announcement-draft-mark]")).ToBeVisibleAsync();
        await Page.Locator("textarea[data-testid=announcement-narrative]").FillAsync(narrative);
        await Page.Locator("[data-testid=announcement-save]").ClickAsync();
        await Expect(Page.Locator("[data-testid=announcement]")).ToContainTextAsync(narrative);

        // the confirmation names what follows before anything is published.
        await Page.Locator("[data-testid=announcement-publish]").ClickAsync();
        await Expect(Page.Locator("[data-testid=publish-announcement-follows]")).ToContainTextAsync("冻结");
        await Page.Locator("[data-testid=dialog-submit]").ClickAsync();
        await Expect(Page.Locator("[data-testid=announcement-frozen]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=announcement-narrative]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=announcement-publish]")).ToHaveCountAsync(0);

        // The bureau's document beside the Excel sheet: a Word file with the text as published.
        var exported = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("[data-testid=export-WelfareLotteryAnnouncementDocument]").ClickAsync());
        Assert.EndsWith(".docx", exported.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains(narrative, await DocumentTextAsync(exported), StringComparison.Ordinal);

        // A visitor with no account: the list names the year, the page shows the text as published.
        var visitor = await NewPageAsync();
        await visitor.GotoAsync("public");
        await visitor.Locator("[data-testid=public-announcement-2024]").ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/public/welfare-lottery/2024$"));
        await Expect(visitor.Locator("[data-testid=announcement]")).ToContainTextAsync(narrative);
        await Expect(visitor.Locator("[data-testid=announcement-published-at]")).ToBeVisibleAsync();
        var document = await visitor.RunAndWaitForDownloadAsync(() => visitor.Locator("[data-testid=public-announcement-document]").ClickAsync());
        Assert.Equal("2024年度福彩公益金使用情况公告.docx", document.SuggestedFilename);
        Assert.Contains(narrative, await DocumentTextAsync(document), StringComparison.Ordinal);
    }

    private static async Task<string> DocumentTextAsync(IDownload download)
    {
        var path = await download.PathAsync();
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(path, false);
        return document.MainDocumentPart!.Document.Body!.InnerText;
    }

    [Fact]
    public async Task The_demo_announcement_contracts_and_open_data_are_public_and_drafts_are_not()
    {
        var visitor = await NewPageAsync();
        await visitor.GotoAsync("public/welfare-lottery/2025");
        await Expect(visitor.Locator("[data-testid=announcement-received-total]")).ToHaveTextAsync("¥500,000.00");
        await Expect(visitor.Locator("[data-testid=announcement-project]")).ToHaveCountAsync(2);
        await Expect(visitor.Locator("[data-testid=announcement-paid-total]")).ToHaveTextAsync("¥234,000.00");
        Assert.Equal("index, follow", await visitor.Locator("meta[name=robots]").GetAttributeAsync("content"));

        await visitor.GotoAsync("public");
        await Expect(visitor.Locator("[data-testid=public-contract]").First).ToBeVisibleAsync();
        await Expect(visitor.Locator("[data-testid=public-contract-table]")).Not.ToContainTextAsync("困难群众骨病救助"); // the demo's draft
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync("0887-"); // no contact phone numbers

        // The demo's year is not over: its announcement does not exist for the public; nor does a draft year.
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync("public/welfare-lottery/2026")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync("public/welfare-lottery/2026/announcement.docx")).StatusCode);
        var demoDocument = await App.Http.GetAsync("public/welfare-lottery/2025/announcement.docx");
        Assert.Equal(HttpStatusCode.OK, demoDocument.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", demoDocument.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync("opendata/ocds/contracts/DQMZ-2026-0004.json")).StatusCode);
        var package = await App.Http.GetAsync("opendata/ocds/releases.json");
        Assert.Equal(HttpStatusCode.OK, package.StatusCode);
        var json = await package.Content.ReadAsStringAsync();
        Assert.Contains("\"ocds-dqdemo-DQMZ-2026-0001\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("DQMZ-2026-0004", json, StringComparison.Ordinal);

        // Pages behind the sign-in are not to be indexed.
        await visitor.GotoAsync("account/login");
        Assert.Equal("noindex, nofollow", await visitor.Locator("meta[name=robots]").GetAttributeAsync("content"));
    }

    [Theory]
    [InlineData("public")]
    [InlineData("public/welfare-lottery/2025")]
    public async Task Public_pages_fit_a_390px_phone_under_the_security_policy(string path)
    {
        await Page.Context.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);
        await Page.SetViewportSizeAsync(390, 844);
        var response = await Page.GotoAsync(path, new PageGotoOptions { Timeout = 45_000 }); // static pages: "load" is the finished page
        Assert.Equal(200, response!.Status);

        // No sideways scrolling of the page itself (wide announcement tables scroll inside their own box).
        var (scrollWidth, clientWidth) = (await Page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await Page.EvaluateAsync<int>("document.documentElement.clientWidth"));
        Assert.True(scrollWidth <= clientWidth, $"{path} is {scrollWidth}px wide on a {clientWidth}px screen");
        Assert.Empty(await Page.EvaluateAsync<string[]>("window.__cspViolations"));
        if (Environment.GetEnvironmentVariable("DIQING_KEEP_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, path.Replace('/', '-') + "-390.png"), FullPage = true });
        }
    }
}
