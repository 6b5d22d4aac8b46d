using Microsoft.Playwright;

namespace Diqing.Procurement.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Starts the app and one headless Chromium once for the whole test collection; each test then
/// opens its own <see cref="IBrowserContext"/> (own cookies) through <see cref="NewContextAsync"/>.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private DemoApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running app's data folder (SQLite file, attachments, data-protection keys).</summary>
    public string DataFolder => App.DataFolder;

    /// <summary>Where the running app writes its signed audit checkpoints.</summary>
    public string CheckpointFolder => App.CheckpointFolder;

    /// <summary>Root of the running app, ending with a slash.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>A plain HTTP client for the running app (no redirects followed, no cookies).</summary>
    public HttpClient Http { get; private set; } = default!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    private DemoApp App => _app ?? throw new InvalidOperationException("The app is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. The end-to-end tests use the system browser and never download one: " +
                "install it with `apt-get update && apt-get install -y chromium fonts-wqy-zenhei`.");
        }

        _app = DemoApp.Start();
        BaseAddress = _app.BaseAddress;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

        // The bundled driver runs without a browser download; the browser is Debian's.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh, isolated browser context whose relative URLs resolve against the app (or another app of the test's own).</summary>
    public Task<IBrowserContext> NewContextAsync(Uri? baseAddress = null) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (baseAddress ?? BaseAddress).ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "Running app and browser";
}
