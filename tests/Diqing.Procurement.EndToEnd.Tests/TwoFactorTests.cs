using System.Text.RegularExpressions;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>Two-factor sign-in in the browser: forced enrolment for a privileged role, recovery codes, and the optional set-up on the account page.</summary>
public sealed class TwoFactorTests(AppFixture app) : BrowserTest(app)
{
    private const string Password = "TwoFactor2026Test";

    [Fact]
    public async Task A_new_finance_officer_enrols_at_first_sign_in_and_can_later_use_a_recovery_code_once()
    {
        var userName = "e2e-fin-" + Guid.NewGuid().ToString("N")[..8];
        await CreateUserThroughAdminPageAsync(userName, "两步验证财务", roleLabel: "财务人员", Password);

        // The password alone does not sign a finance officer in: enrolment comes first.
        var officer = await NewPageAsync();
        await LoginAsync(officer, userName, Password);
        await Expect(officer).ToHaveURLAsync(new Regex("/account/login/enrol"));
        await Expect(officer.Locator("[data-testid=enrol-qr]")).ToBeVisibleAsync();
        Assert.StartsWith("data:image/png;base64,", await officer.Locator("[data-testid=enrol-qr]").GetAttributeAsync("src"));
        var key = (await officer.Locator("[data-testid=enrol-key]").TextContentAsync())!;

        await officer.Locator("[data-testid=enrol-code]").FillAsync("000000");
        await officer.Locator("[data-testid=enrol-submit]").ClickAsync();
        await Expect(officer.Locator("[data-testid=login-error]")).ToBeVisibleAsync();

        await officer.Locator("[data-testid=enrol-code]").FillAsync(Totp.Code(key));
        await officer.Locator("[data-testid=enrol-submit]").ClickAsync();
        var codes = officer.Locator("[data-testid=recovery-codes] li");
        await Expect(codes).ToHaveCountAsync(10);
        var recovery = (await codes.First.TextContentAsync())!.Trim();
        await officer.Locator("[data-testid=enrol-continue]").ClickAsync();
        await WaitInteractiveAsync(officer);

        // Next time: password, then the code; a recovery code works once.
        var laptop = await NewPageAsync();
        await LoginAsync(laptop, userName, Password);
        await SecondFactorAsync(laptop, recovery, isRecoveryCode: true);
        await Expect(laptop).Not.ToHaveURLAsync(new Regex("/account/login"));
        await WaitInteractiveAsync(laptop);

        var thief = await NewPageAsync();
        await LoginAsync(thief, userName, Password);
        await SecondFactorAsync(thief, recovery, isRecoveryCode: true);
        await Expect(thief.Locator("[data-testid=login-error]")).ToHaveTextAsync("验证码不正确，请重新输入。");

        var phone = await NewPageAsync();
        await LoginAsync(phone, userName, Password);
        await SecondFactorAsync(phone, Totp.Code(key));
        await WaitInteractiveAsync(phone);
    }

    [Fact]
    public async Task A_judge_may_turn_on_two_factor_sign_in_from_the_account_page()
    {
        var userName = "e2e-judge-" + Guid.NewGuid().ToString("N")[..8];
        await CreateUserThroughAdminPageAsync(userName, "两步验证评审", roleLabel: "评审专家", Password);

        var judge = await NewPageAsync();
        await SignInAsync(judge, userName, Password);
        await judge.Locator("[data-testid=user-menu] > button").ClickAsync();
        await judge.Locator("[data-testid=account-security]").ClickAsync();
        await Expect(judge.Locator("[data-testid=two-factor-status]")).ToHaveTextAsync("两步验证：未启用。");
        var key = (await judge.Locator("[data-testid=enrol-key]").TextContentAsync())!;
        await judge.Locator("[data-testid=enrol-code]").FillAsync(Totp.Code(key));
        await judge.Locator("[data-testid=enrol-submit]").ClickAsync();
        await Expect(judge.Locator("[data-testid=two-factor-status]")).ToHaveTextAsync("两步验证：已启用（剩余 10 个恢复码）。");
        await Expect(judge.Locator("[data-testid=recovery-codes] li")).ToHaveCountAsync(10);

        // This browser stays signed in (its sign-in was renewed with the new security stamp).
        await judge.GotoAsync("my-work");
        await Expect(judge).Not.ToHaveURLAsync(new Regex("/account/login"));

        var again = await NewPageAsync();
        await LoginAsync(again, userName, Password);
        await Expect(again).ToHaveURLAsync(new Regex("/account/login/two-factor"));
        await SecondFactorAsync(again, Totp.Code(key));
        await WaitInteractiveAsync(again);
    }
}
