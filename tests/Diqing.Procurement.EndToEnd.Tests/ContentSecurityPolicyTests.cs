using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>The Blazor Server app and MudBlazor work under the Content-Security-Policy: circuits connect, popovers and dialogs open, nothing is blocked.</summary>
public sealed class ContentSecurityPolicyTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Pages_dialogs_and_menus_work_without_a_single_policy_violation()
    {
        // Recorded by the browser itself for anything the policy blocks (scripts, styles, images, connections, frames).
        await Page.Context.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);
        var console = new List<string>();
        Page.Console += (_, message) => console.Add(message.Text);

        await SignInAsync(Page, "procurement");
        await Page.GotoAsync("contracts");
        await WaitInteractiveAsync(Page);
        await Page.Locator("[data-testid=user-menu] > button").ClickAsync();
        await Expect(Page.Locator("[data-testid=account-security]")).ToBeVisibleAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Page.GotoAsync("funding");
        await WaitInteractiveAsync(Page);
        await Page.GotoAsync("audit");
        await Page.GotoAsync("account/security");
        await Expect(Page.Locator("[data-testid=enrol-qr]")).ToBeVisibleAsync();

        var violations = await Page.EvaluateAsync<string[]>("window.__cspViolations");
        Assert.Empty(violations);
        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
