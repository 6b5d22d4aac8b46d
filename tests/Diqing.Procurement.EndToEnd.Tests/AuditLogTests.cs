using System.Text.RegularExpressions;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>The auditor finds sign-ins in the audit log and verifies the chain in the browser.</summary>
public sealed class AuditLogTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Auditor_sees_sign_ins_filtered_by_user_and_verifies_the_chain()
    {
        await SignInAsync(Page, "auditor");
        await Page.Locator("[data-nav='Nav.Audit']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/audit$"));
        await WaitInteractiveAsync(Page);

        await Page.Locator("[data-testid=audit-user] input, input[data-testid=audit-user]").First.FillAsync("auditor");
        await Expect(Page.Locator("[data-testid=audit-grid] tbody")).ToContainTextAsync("登录成功");
        await Expect(Page.Locator("[data-testid=audit-grid] tbody tr")).Not.ToContainTextAsync(["admin"]);

        await Page.Locator("[data-testid=verify-chain]").ClickAsync();
        await Expect(Page.Locator("[data-testid=chain-result]")).ToContainTextAsync("审计链完整", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_is_audited()
    {
        await SignInAsync(Page, "finance");
        await WaitInteractiveAsync(Page);
        // A report copy left in this browser (ADR 8) must not outlive the session on a shared computer.
        await Page.EvaluateAsync("() => { localStorage.setItem('diqing.report-draft.someone.7', '{}'); localStorage.setItem('other-site-setting', 'kept'); }");
        await Page.Locator("[data-testid=user-menu] > button").ClickAsync();
        await Page.Locator("[data-testid=logout]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account/login"));
        Assert.Null(await Page.EvaluateAsync<string?>("() => localStorage.getItem('diqing.report-draft.someone.7')"));
        Assert.Equal("kept", await Page.EvaluateAsync<string?>("() => localStorage.getItem('other-site-setting')"));

        await Page.GotoAsync("");
        await Expect(Page).ToHaveURLAsync(new Regex("/account/login"));

        var auditor = await NewPageAsync();
        await SignInAsync(auditor, "auditor");
        await auditor.GotoAsync("audit");
        await WaitInteractiveAsync(auditor);
        await auditor.Locator("[data-testid=audit-user] input, input[data-testid=audit-user]").First.FillAsync("finance");
        await Expect(auditor.Locator("[data-testid=audit-grid] tbody")).ToContainTextAsync("退出登录");
    }
}
