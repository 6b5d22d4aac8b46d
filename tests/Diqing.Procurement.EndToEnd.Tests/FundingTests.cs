using System.Text.RegularExpressions;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

public sealed class FundingTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Finance_officer_creates_a_funding_source_and_sees_its_balance_in_the_list()
    {
        var name = "2026年县级财政专项（端到端" + Guid.NewGuid().ToString("N")[..6] + "）";
        await SignInAsync(Page, "finance");
        await Page.Locator("[data-nav='Nav.Funding']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/funding$"));
        await WaitInteractiveAsync(Page);

        await Page.Locator("[data-testid=funding-create]").ClickAsync();
        var dialog = Page.Locator(".mud-dialog");
        await InputOf(dialog, "funding-name").FillAsync(name);
        await ChooseAsync(Page, dialog, "funding-kind", "财政资金");
        await ChooseAsync(Page, dialog, "funding-level", "县级");
        await InputOf(dialog, "funding-document").FillAsync("维财社〔2026〕E2E号");
        await InputOf(dialog, "funding-amount").FillAsync("123456.78");
        await dialog.Locator("[data-testid=funding-save]").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        var row = Page.Locator("[data-testid=funding-table] tbody tr").Filter(new LocatorFilterOptions { HasText = name });
        await Expect(row).ToContainTextAsync("¥123,456.78");
        await Expect(row.Locator("[data-testid=available]")).ToHaveTextAsync("¥123,456.78");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page.Locator("[data-testid=detail-available]")).ToHaveTextAsync("¥123,456.78");
    }

    [Fact]
    public async Task A_negative_amount_is_refused_with_a_chinese_message()
    {
        await SignInAsync(Page, "finance");
        await Page.GotoAsync("funding");
        await WaitInteractiveAsync(Page);
        await Page.Locator("[data-testid=funding-create]").ClickAsync();
        var dialog = Page.Locator(".mud-dialog");
        await InputOf(dialog, "funding-amount").FillAsync("-5");
        await dialog.Locator("[data-testid=funding-save]").ClickAsync();

        await Expect(dialog).ToContainTextAsync("金额必须大于零");
        await Expect(dialog).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("agency", "funding")]
    [InlineData("agency", "funding/1")]
    [InlineData("judge", "funding")]
    public async Task Agency_users_and_judges_cannot_open_the_funding_pages(string user, string path)
    {
        await SignInAsync(Page, user);

        await Page.GotoAsync(path);

        await Expect(Page.Locator("[data-testid=forbidden]")).ToContainTextAsync("无权访问");
        await Expect(Page.Locator("[data-testid=funding-table]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("body")).Not.ToContainTextAsync("福彩公益金");
    }
}
