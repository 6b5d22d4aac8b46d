using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>The language switch (Chinese by default) changes the interface and is remembered.</summary>
public sealed class LanguageTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Language_menu_switches_to_english_and_back_to_chinese()
    {
        await SignInAsync(Page, "admin");
        await Expect(Page.Locator("[data-nav='Nav.Home']")).ToHaveTextAsync("首页");

        await ChooseLanguageAsync("lang-en");
        await Expect(Page.Locator("[data-nav='Nav.Home']")).ToHaveTextAsync("Home");
        await Expect(Page.Locator("[data-nav='Nav.Users']")).ToHaveTextAsync("Users");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");

        // The choice is remembered: a new page load is still in English.
        await Page.ReloadAsync();
        await Expect(Page.Locator("[data-nav='Nav.Audit']")).ToHaveTextAsync("Audit log");

        await ChooseLanguageAsync("lang-zh");
        await Expect(Page.Locator("[data-nav='Nav.Home']")).ToHaveTextAsync("首页");
        await Expect(Page.Locator("[data-nav='Nav.Users']")).ToHaveTextAsync("用户管理");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
    }

    [Fact]
    public async Task Sign_in_page_links_switch_the_language()
    {
        await Page.GotoAsync("account/login");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("用户登录");

        await Page.Locator("[data-testid=lang-en]").ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Sign in");
        await Expect(Page.Locator("[data-testid=login-submit]")).ToHaveTextAsync("Sign in");

        await Page.Locator("[data-testid=lang-zh]").ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("用户登录");
    }

    private async Task ChooseLanguageAsync(string itemTestId)
    {
        await WaitInteractiveAsync(Page);
        await Page.Locator("[data-testid=language-menu] > button").ClickAsync();
        await Page.Locator($"[data-testid={itemTestId}]").ClickAsync();
    }
}
