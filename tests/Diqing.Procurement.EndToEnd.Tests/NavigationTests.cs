using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>Each demo role signs in and sees exactly the menu entries its role may use.</summary>
public sealed class NavigationTests(AppFixture app) : BrowserTest(app)
{
    [Theory]
    [InlineData("admin", "Nav.Home,Nav.Agencies,Nav.Funding,Nav.Contracts,Nav.Reviews,Nav.Overdue,Nav.Competitions,Nav.Announcement,Nav.Users,Nav.Audit")]
    [InlineData("procurement", "Nav.Home,Nav.Agencies,Nav.Funding,Nav.Contracts,Nav.Reviews,Nav.Overdue,Nav.Competitions,Nav.Announcement")]
    [InlineData("finance", "Nav.Home,Nav.Agencies,Nav.Funding,Nav.Contracts,Nav.Overdue,Nav.Competitions,Nav.Announcement")]
    [InlineData("agency", "Nav.Home,Nav.MyWork,Nav.Agencies,Nav.Contracts,Nav.Competitions")]
    [InlineData("judge", "Nav.Home,Nav.Competitions")]
    [InlineData("auditor", "Nav.Home,Nav.Agencies,Nav.Funding,Nav.Contracts,Nav.Overdue,Nav.Competitions,Nav.Announcement,Nav.Audit")]
    public async Task Demo_role_sees_exactly_its_navigation_entries(string userName, string expectedEntries)
    {
        var expected = expectedEntries.Split(',').ToHashSet();

        await SignInAsync(Page, userName);

        var home = Page.Locator("[data-nav='Nav.Home']");
        await Expect(home).ToBeVisibleAsync();
        await Expect(home).ToHaveTextAsync("首页");

        // The menu is drawn in one render, but give a late re-render a moment before judging the entries.
        var entries = Page.Locator("[data-nav]");
        var shown = await ReadEntriesAsync(entries);
        for (var retry = 0; retry < 10 && !shown.SetEquals(expected); retry++)
        {
            await Page.WaitForTimeoutAsync(200);
            shown = await ReadEntriesAsync(entries);
        }

        Assert.Equal(expected.Order(), shown.Order());
    }

    [Fact]
    public async Task The_menu_is_open_on_a_wide_screen_and_closed_on_a_phone_and_the_toggle_turns_each_to_the_other()
    {
        await SignInAsync(Page, "procurement");
        var drawer = Page.Locator("#app-drawer");
        var funding = Page.Locator("#app-drawer [data-nav='Nav.Funding']");

        // Wide: the menu stands beside the page; the toggle hides it (and its links leave the tab order) and shows it again.
        await Page.SetViewportSizeAsync(1280, 800);
        var wideToggle = Page.GetByTestId("nav-toggle-wide");
        await Expect(funding).ToBeVisibleAsync();
        await Expect(wideToggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(Page.GetByTestId("nav-toggle")).ToBeHiddenAsync();
        await wideToggle.ClickAsync();
        await Expect(funding).ToBeHiddenAsync();
        await Expect(wideToggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(Page.Locator(".mud-main-content")).ToHaveCSSAsync("margin-left", "0px");
        await wideToggle.ClickAsync();
        await Expect(funding).ToBeVisibleAsync();
        await Expect(Page.Locator(".mud-main-content")).ToHaveCSSAsync("margin-left", "240px");

        // A phone: closed at first; the toggle opens it over the page, a tap beside it closes it, so does following a link.
        await Page.SetViewportSizeAsync(390, 844);
        var toggle = Page.GetByTestId("nav-toggle");
        await Expect(funding).ToBeHiddenAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await toggle.ClickAsync();
        await Expect(funding).ToBeVisibleAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Page.GetByTestId("nav-overlay").ClickAsync(new() { Position = new() { X = 350, Y = 400 } });
        await Expect(funding).ToBeHiddenAsync();
        await toggle.ClickAsync();
        await funding.ClickAsync();
        await Page.WaitForURLAsync("**/funding");
        await Expect(funding).ToBeHiddenAsync();
        await Expect(drawer).ToHaveAttributeAsync("class", new System.Text.RegularExpressions.Regex("mud-drawer--initial"));
    }

    private static async Task<HashSet<string>> ReadEntriesAsync(ILocator entries) =>
        (await entries.EvaluateAllAsync<string[]>("links => links.map(l => l.getAttribute('data-nav'))")).ToHashSet();
}
