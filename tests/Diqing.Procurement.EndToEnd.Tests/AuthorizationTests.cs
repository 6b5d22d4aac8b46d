using System.Text.RegularExpressions;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>A signed-in user without the role is refused the page, not shown it.</summary>
public sealed class AuthorizationTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Agency_user_is_refused_the_users_page()
    {
        await SignInAsync(Page, "agency");

        await Page.GotoAsync("admin/users");

        await Expect(Page).ToHaveURLAsync(new Regex("/account/access-denied"));
        await Expect(Page.Locator("[data-testid=forbidden]")).ToContainTextAsync("无权访问");
        await Expect(Page.Locator("[data-testid=users-grid]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=user-create]")).ToHaveCountAsync(0);
    }
}
