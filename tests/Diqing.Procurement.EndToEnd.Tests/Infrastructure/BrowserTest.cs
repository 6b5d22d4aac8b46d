using static Microsoft.Playwright.Assertions;
using Microsoft.Playwright;

namespace Diqing.Procurement.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Base class of the browser tests: xunit creates one instance per test, so every test gets a new
/// browser context (no cookies shared with other tests) and a page in it.
/// </summary>
[Collection(AppCollection.Name)]
public abstract class BrowserTest(AppFixture app) : IAsyncLifetime
{
    /// <summary>The password of every demo account.</summary>
    public const string DemoPassword = "Demo@Diqing2026";

    private readonly List<IBrowserContext> _contexts = [];

    protected AppFixture App { get; } = app;

    protected IPage Page { get; private set; } = default!;

    public async Task InitializeAsync() => Page = await NewPageAsync();

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>
    /// A page in another fresh context, for tests that need a second, independent user; against the collection's app,
    /// or another app of the test's own at <paramref name="baseAddress"/>.
    /// </summary>
    protected async Task<IPage> NewPageAsync(Uri? baseAddress = null)
    {
        var context = await App.NewContextAsync(baseAddress);
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Opens the sign-in page, fills the form and submits it; does not judge the outcome.</summary>
    protected static async Task LoginAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("account/login");
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        // The password hash is deliberately slow, and slower still on a loaded two-core CI machine.
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new PageWaitForLoadStateOptions { Timeout = 45_000 });
    }

    /// <summary>
    /// Signs in and waits until the home page's Blazor circuit is connected. Administrator and finance demo accounts
    /// answer the two-factor step with a code computed from their published key, as a person's authenticator app would.
    /// </summary>
    /// <summary>
    /// Chooses a file in the page's upload input and waits for its link. A file chosen in the moment between the input's
    /// drawing and Blazor wiring it up (a loaded machine stretches that moment) is never read: it is chosen again, up to
    /// three times, waiting 20 s each for the link.
    /// </summary>
    internal static async Task UploadAsync(IPage page, FilePayload file)
    {
        var link = page.Locator("[data-testid=attachment-link]").Filter(new LocatorFilterOptions { HasText = file.Name }).First;
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("input[type=file][data-testid=attachment-input]").SetInputFilesAsync(file);
            try
            {
                await Expect(link).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 20_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    protected static async Task SignInAsync(IPage page, string userName, string password = DemoPassword)
    {
        await LoginAsync(page, userName, password);
        if (Totp.DemoKeys.TryGetValue(userName, out var key))
        {
            await SecondFactorAsync(page, Totp.Code(key));
        }

        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await WaitInteractiveAsync(page);
    }

    /// <summary>Fills and submits the two-factor step.</summary>
    protected static async Task SecondFactorAsync(IPage page, string code, bool isRecoveryCode = false)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login/two-factor"));
        await page.Locator("[data-testid=two-factor-code]").FillAsync(code);
        if (isRecoveryCode)
        {
            await page.Locator("[data-testid=two-factor-recovery]").CheckAsync();
        }

        await page.Locator("[data-testid=two-factor-submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>The input of a MudBlazor field: the test id lands on the input itself or on a wrapper, depending on the component.</summary>
    protected static ILocator InputOf(ILocator scope, string testId) =>
        scope.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    /// <summary>Opens a MudSelect and picks the option with exactly this text.</summary>
    protected static async Task ChooseAsync(IPage page, ILocator scope, string testId, string optionText)
    {
        await InputOf(scope, testId).ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = optionText, Exact = true }).ClickAsync();
        await Assertions.Expect(scope.Locator($"div[data-testid={testId}]")).ToHaveTextAsync(optionText);
    }

    /// <summary>Waits for the marker MainLayout renders once the page is interactive (clicks before that are lost).</summary>
    protected static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });

    /// <summary>The administrator creates an account through the Users page (so that no shared demo account is changed).</summary>
    protected async Task CreateUserThroughAdminPageAsync(string userName, string displayName, string roleLabel, string password)
    {
        await SignInAsync(Page, "admin");
        await Page.GotoAsync("admin/users");
        await WaitInteractiveAsync(Page);

        await Page.Locator("[data-testid=user-create]").ClickAsync();
        var dialog = Page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync();

        // MudBlazor puts data-testid on the <input> itself here; the descendant form also covers a wrapper element.
        await InputOf(dialog, "new-username").FillAsync(userName);
        await InputOf(dialog, "new-displayname").FillAsync(displayName);
        await InputOf(dialog, "new-role").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = roleLabel, Exact = true }).ClickAsync();

        // Once a value is chosen, MudSelect hides its <input> (value = role name) and shows the label in a div with the same test id.
        await Expect(dialog.Locator("div[data-testid=new-role]")).ToHaveTextAsync(roleLabel);
        await InputOf(dialog, "new-password").FillAsync(password);

        await dialog.Locator("[data-testid=create-user-submit]").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=users-grid]").GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = userName }))
            .ToContainTextAsync(roleLabel);
    }
}
