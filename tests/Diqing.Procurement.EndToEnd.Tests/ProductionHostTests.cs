using System.Net;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>
/// The app as deployed (not demo mode) behind a TLS reverse proxy on 127.0.0.1: start-up refuses a missing audit key;
/// plain HTTP is redirected, HTTPS from the proxy gets HSTS and Secure cookies; bursts of sign-ins get 429.
/// </summary>
public sealed class ProductionHostTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "diqing-prod-" + Guid.NewGuid().ToString("N"));
    private ProductionAppFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new ProductionAppFactory(_root);
        _app.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Without_an_audit_key_the_app_refuses_to_start()
    {
        var root = _root + "-nokey";
        using var app = new ProductionAppFactory(root, new Dictionary<string, string?> { ["Audit:Keys:prod-1"] = null });

        var error = Assert.ThrowsAny<Exception>(app.StartServer);

        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains("No audit key is configured", messages);
        Assert.False(File.Exists(Path.Combine(root, "data", "diqing.db")), "nothing was started");
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };

        using var response = await client.GetAsync("account/login");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.StartsWith("https://", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Https_from_the_known_proxy_gets_hsts_and_secure_cookies()
    {
        using var browser = new HttpBrowser(_app.BaseAddress, forwardedFor: "203.0.113.10");

        using var page = await browser.Client.GetAsync("account/login");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("max-age=31536000", string.Join(",", page.Headers.GetValues("Strict-Transport-Security")));
        var cookies = page.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_burst_of_sign_ins_from_one_address_gets_429_with_a_chinese_page()
    {
        using var browser = new HttpBrowser(_app.BaseAddress, forwardedFor: "203.0.113.20");
        for (var i = 1; i <= 5; i++)
        {
            using var allowed = await browser.SignInAsync("name" + i, "Wrong-password-1");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await browser.SignInAsync("name6", "Wrong-password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Contains("登录尝试过于频繁", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        // Another client is not affected.
        using var other = new HttpBrowser(_app.BaseAddress, forwardedFor: "203.0.113.21");
        using var fine = await other.SignInAsync("name7", "Wrong-password-1");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Many_addresses_trying_one_account_get_429_for_that_account()
    {
        for (var i = 1; i <= 3; i++)
        {
            using var attacker = new HttpBrowser(_app.BaseAddress, forwardedFor: "198.51.100." + i);
            using var allowed = await attacker.SignInAsync("chief", "Wrong-password-1");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var fourth = new HttpBrowser(_app.BaseAddress, forwardedFor: "198.51.100.4");
        using var refused = await fourth.SignInAsync("CHIEF", "Wrong-password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
