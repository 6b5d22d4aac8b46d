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

    private static async Task<HashSet<string>> ReadEntriesAsync(ILocator entries) =>
        (await entries.EvaluateAllAsync<string[]>("links => links.map(l => l.getAttribute('data-nav'))")).ToHashSet();
}
