using System.Text.RegularExpressions;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>
/// Keyboard only (issue 17): Tab, typing, Enter and Escape, never a click. Focus is visible where it lands,
/// a refused sign-in is announced and tied to its fields, and a dialog keeps the focus inside until it is
/// closed, then gives it back to the button that opened it.
/// </summary>
public sealed class KeyboardTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Sign_in_works_with_the_keyboard_and_a_refusal_is_announced_on_the_fields()
    {
        await Page.GotoAsync("account/login");
        await TabToAsync(Page, Page.Locator("#username"));
        await Page.Keyboard.TypeAsync("judge3");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator("#password")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("not the password");
        await Page.Keyboard.PressAsync("Enter");

        var error = Page.Locator("[data-testid=login-error]");
        await Expect(error).ToHaveAttributeAsync("role", "alert");
        await Expect(error).ToHaveAttributeAsync("id", "login-error");
        foreach (var field in new[] { "#username", "#password" })
        {
            await Expect(Page.Locator(field)).ToHaveAttributeAsync("aria-describedby", "login-error");
        }

        await TabToAsync(Page, Page.Locator("#username"));
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.TypeAsync("judge3");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(DemoPassword);
        await TabToAsync(Page, Page.Locator("[data-testid=login-submit]"));
        await ExpectVisibleFocusAsync(Page);
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page).Not.ToHaveURLAsync(new Regex("/account/login"));
        await WaitInteractiveAsync(Page);
    }

    [Fact]
    public async Task A_dialog_opened_from_the_keyboard_keeps_the_focus_inside_and_gives_it_back_on_escape()
    {
        await SignInAsync(Page, "finance");
        await Page.GotoAsync("funding");
        await WaitInteractiveAsync(Page);

        var opener = Page.Locator("[data-testid=funding-create]");
        await TabToAsync(Page, opener);
        await ExpectVisibleFocusAsync(Page);
        await Page.Keyboard.PressAsync("Enter");

        var dialog = Page.Locator("[role=dialog]");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToHaveAttributeAsync("aria-modal", "true");
        await Expect(dialog).ToHaveAttributeAsync("aria-labelledby", new Regex(".+"));

        // The dialog takes the focus as it opens; forwards and backwards through more stops than it has, the focus
        // stays in it (MudBlazor's trap sends it round through sentinels, so each check waits for it to settle).
        await FocusInsideAsync(Page, "on opening");
        // The trap's sentinels hand the focus on through the circuit (a server round trip), so keys go at a person's pace.
        foreach (var key in Enumerable.Repeat("Tab", 15).Concat(Enumerable.Repeat("Shift+Tab", 15)))
        {
            await Page.Keyboard.PressAsync(key);
            await Page.WaitForTimeoutAsync(250);
            await FocusInsideAsync(Page, "after " + key);
        }

        await Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(opener).ToBeFocusedAsync();
    }

    [Fact]
    public async Task The_app_bar_menus_open_from_the_keyboard_with_names()
    {
        await SignInAsync(Page, "judge3");
        var language = Page.Locator("[data-testid=language-menu] button");
        await Expect(language).ToHaveAttributeAsync("aria-label", "切换语言");
        await TabToAsync(Page, language);
        await ExpectVisibleFocusAsync(Page);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("[data-testid=lang-en]")).ToBeVisibleAsync();
        await Page.Keyboard.PressAsync("Escape");

        var user = Page.Locator("[data-testid=user-menu] button");
        await TabToAsync(Page, user);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("[data-testid=account-security]")).ToBeVisibleAsync();
    }

    private static async Task FocusInsideAsync(IPage page, string when)
    {
        try
        {
            await page.WaitForFunctionAsync("() => !!document.querySelector('[role=dialog]')?.contains(document.activeElement)",
                null, new PageWaitForFunctionOptions { Timeout = 3_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The focus is outside the dialog {when}.");
        }
    }

    /// <summary>Presses Tab until the target (or something inside it) has the focus.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, int maxStops = 60)
    {
        for (var i = 0; i < maxStops; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab did not reach {target} in {maxStops} stops.");
    }

    /// <summary>The focused element draws an outline (app.css :focus-visible), not just a faint tint.</summary>
    private static async Task ExpectVisibleFocusAsync(IPage page)
    {
        var outline = await page.EvaluateAsync<string>(
            "() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
        Assert.Matches(@"^(solid|auto|dashed|dotted|double) [1-9]", outline);
    }
}
