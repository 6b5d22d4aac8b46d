using System.Text.RegularExpressions;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>Sign-in failures, lockout after five wrong passwords, and the redirect of anonymous visitors.</summary>
public sealed class SignInTests(AppFixture app) : BrowserTest(app)
{
    private const string FailedMessage = "用户名或密码错误，或账户暂时不能登录。连续输错 5 次将锁定 15 分钟，需要帮助请联系系统管理员。";
    private const string LastAttemptMessage = "用户名或密码错误。再输错 1 次，账户将被锁定 15 分钟。";

    [Fact]
    public async Task Wrong_password_shows_the_chinese_error_and_stays_on_the_sign_in_page()
    {
        await LoginAsync(Page, "procurement", "Wrong@Password1");

        await Expect(Page.Locator("[data-testid=login-error]")).ToHaveTextAsync(FailedMessage);
        await Expect(Page).ToHaveURLAsync(new Regex("/account/login"));
        await Expect(Page.Locator("h1")).ToHaveTextAsync("用户登录");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_a_new_account_even_against_the_right_password_with_a_warning_first()
    {
        // A dedicated account, created by the administrator through the Users page, so no shared demo account is locked.
        var userName = "e2e-lock-" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Lockout2026Test";
        await CreateUserThroughAdminPageAsync(userName, "锁定测试用户", roleLabel: "评审专家", password);

        var visitor = await NewPageAsync();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await LoginAsync(visitor, userName, "Wrong" + attempt + "Password");
            await Expect(visitor.Locator("[data-testid=login-error]")).ToHaveTextAsync(FailedMessage);
        }

        await LoginAsync(visitor, userName, "Wrong4Password");
        await Expect(visitor.Locator("[data-testid=login-error]")).ToHaveTextAsync(LastAttemptMessage);

        // Locked by the fifth: the same answer as any failure, for the right password too.
        await LoginAsync(visitor, userName, "Wrong5Password");
        await Expect(visitor.Locator("[data-testid=login-error]")).ToHaveTextAsync(FailedMessage);
        await LoginAsync(visitor, userName, password);
        await Expect(visitor.Locator("[data-testid=login-error]")).ToHaveTextAsync(FailedMessage);
        await Expect(visitor).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task An_unknown_user_name_gets_the_same_answers_in_the_same_order()
    {
        var visitor = await NewPageAsync();
        var unknown = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        string[] expected = [FailedMessage, FailedMessage, FailedMessage, LastAttemptMessage, FailedMessage];
        foreach (var message in expected)
        {
            await LoginAsync(visitor, unknown, "Wrong1Password");
            await Expect(visitor.Locator("[data-testid=login-error]")).ToHaveTextAsync(message);
        }
    }

    [Fact]
    public async Task Anonymous_visitor_of_the_users_page_is_sent_to_sign_in_and_back()
    {
        await Page.GotoAsync("admin/users");

        await Expect(Page).ToHaveURLAsync(new Regex(@"/account/login\?ReturnUrl=%2Fadmin%2Fusers", RegexOptions.IgnoreCase));
        await Expect(Page.Locator("h1")).ToHaveTextAsync("用户登录");
        await Expect(Page.Locator("[data-testid=users-grid]")).ToHaveCountAsync(0);

        // Signing in from there returns to the page first asked for.
        await Page.Locator("#username").FillAsync("admin");
        await Page.Locator("#password").FillAsync(DemoPassword);
        await Page.Locator("[data-testid=login-submit]").ClickAsync();
        await SecondFactorAsync(Page, Totp.Code(Totp.DemoKeys["admin"]));
        await Expect(Page).ToHaveURLAsync(new Regex("/admin/users$"));
        await Expect(Page.Locator("[data-testid=users-grid]")).ToBeVisibleAsync();
    }
}
