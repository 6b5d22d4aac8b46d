using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>Issue 7 in the browser: ledgers come from the page that lists the same data, with its filters, once, to the user who asked.</summary>
public sealed class LedgerTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Auditor_downloads_the_filtered_contract_ledger_from_the_contracts_page_and_the_file_opens()
    {
        await SignInAsync(Page, "auditor");
        await Page.GotoAsync("contracts");
        await WaitInteractiveAsync(Page);
        await InputOf(Page.Locator("body"), "contract-search").FillAsync("演示");
        await Expect(Page.Locator("[data-testid=contract-link]").First).ToBeVisibleAsync();
        await Page.WaitForTimeoutAsync(600); // the search field's debounce, then the grid reloads
        var onPage = (await Page.Locator("[data-testid=contract-link]").AllTextContentsAsync()).Select(t => t.Trim()).ToHashSet();
        Assert.NotEmpty(onPage);

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("[data-testid=export-Contracts]").ClickAsync());

        Assert.Matches(@"^政府购买服务合同台账-\d{8}\.xlsx$", download.SuggestedFilename);
        await using (var file = File.OpenRead(await download.PathAsync()))
        using (var workbook = new XLWorkbook(file))
        {
            var sheet = workbook.Worksheets.First();
            var numbers = sheet.CellsUsed().Select(c => c.GetString()).Where(v => Regex.IsMatch(v, @"^DQMZ-\d{4}-\d{4}$")).ToHashSet();
            Assert.Equal(onPage, numbers);
            Assert.Contains(sheet.CellsUsed(), c => c.GetString().Contains("演示", StringComparison.Ordinal) && c.Address.RowNumber < 6);
        }

        // The link was for one download by this user: fetching it again, or as someone else, finds nothing.
        Assert.Equal(404, (await Page.APIRequest.GetAsync(download.Url)).Status);
        await Expect(Page.Locator("[data-testid=export-progress]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Each_role_is_offered_only_the_ledgers_it_may_download()
    {
        var agency = await NewPageAsync();
        await SignInAsync(agency, "agency");
        await agency.GotoAsync("contracts");
        await WaitInteractiveAsync(agency);
        await Expect(agency.Locator("[data-testid=export-Contracts]")).ToBeVisibleAsync();

        await Expect(agency.Locator("[data-testid^=export-]")).ToHaveCountAsync(1);

        // The demo competition is being judged: the bureau may export its score sheet, a judge may not.
        foreach (var (user, offered) in new[] { ("auditor", 1), ("judge", 0) })
        {
            var page = await NewPageAsync();
            await SignInAsync(page, user);
            await page.GotoAsync("competitions");
            await WaitInteractiveAsync(page);
            await page.Locator("[data-testid=competition-link]").Filter(new() { HasText = "演示" }).First.ClickAsync();
            await Expect(page.Locator("[data-testid=competition-name]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=export-CompetitionScores]")).ToHaveCountAsync(offered);
        }
    }
}
