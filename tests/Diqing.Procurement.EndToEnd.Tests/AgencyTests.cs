using System.Text.RegularExpressions;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

public sealed class AgencyTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Officer_registers_an_agency_after_correcting_the_credit_code()
    {
        await SignInAsync(Page, "procurement");
        await Page.GotoAsync("agencies/new");
        await WaitInteractiveAsync(Page);

        await InputOf(Page.Locator("body"), "agency-name").FillAsync("维西县社会工作服务站（端到端）");
        await InputOf(Page.Locator("body"), "agency-uscc").FillAsync("52533423MJD0000040");
        await ChooseAsync(Page, Page.Locator("body"), "agency-county", "维西傈僳族自治县");
        await InputOf(Page.Locator("body"), "agency-contact").FillAsync("和春梅");
        await InputOf(Page.Locator("body"), "agency-phone").FillAsync("0887-8621234");
        await Page.Locator("[data-testid=agency-save]").ClickAsync();
        await Expect(Page.Locator("body")).ToContainTextAsync("校验码（第 18 位）不正确");

        await InputOf(Page.Locator("body"), "agency-uscc").FillAsync("52533423mjd0000047");
        await Page.Locator("[data-testid=agency-save]").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/agencies/\d+$"));
        await Expect(Page.Locator("[data-testid=agency-title]")).ToHaveTextAsync("维西县社会工作服务站（端到端）");
        await Expect(Page.Locator("[data-testid=agency-fields]")).ToContainTextAsync("52533423MJD0000047");
    }

    [Fact]
    public async Task An_agency_user_typing_another_agencys_address_sees_nothing_of_it()
    {
        await SignInAsync(Page, "agency");

        // Agency 2 is the demo's 香格里拉市社会服务工作中心; the user belongs to 德钦县社会工作服务中心.
        await Page.GotoAsync("agencies/2");
        await WaitInteractiveAsync(Page);

        await Expect(Page.Locator("[data-testid=agency-not-found]")).ToBeVisibleAsync();
        await Expect(Page.Locator("body")).Not.ToContainTextAsync("香格里拉市社会服务工作中心");
    }
}
