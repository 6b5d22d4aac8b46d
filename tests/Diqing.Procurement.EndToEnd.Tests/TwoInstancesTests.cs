using System.Data.Common;
using System.Net;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>Several instances behind a proxy (docs/deploy.md): two app processes on one PostgreSQL behind nginx.</summary>
[Collection(TwoInstancesCollection.Name)]
public sealed class TwoInstancesTests(TwoInstancesFixture deployment)
{
    private const string DemoPassword = "Demo@Diqing2026";
    private static readonly byte[] Scan = "%PDF-1.4\n1 0 obj\n<< /Title (two instances) >>\nendobj\n"u8.ToArray();

    [Fact]
    public async Task Clients_are_spread_over_both_instances_and_each_stays_with_its_own()
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });

        var (forA, forB) = await deployment.AffinitiesAsync(client);
        Assert.Equal(deployment.A, await deployment.InstanceForAsync(client, forA));
        Assert.Equal(deployment.B, await deployment.InstanceForAsync(client, forB));

        // A new client is given its affinity by the proxy and keeps its instance from then on.
        using var first = await client.GetAsync(new Uri(deployment.ProxyAddress, "account/login"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var affinity = first.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("diqing_affinity=", StringComparison.Ordinal));
        var instance = first.Headers.GetValues(TwoInstancesFixture.UpstreamHeader).Single();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(deployment.ProxyAddress, "account/login"));
            request.Headers.Add("Cookie", affinity);
            using var next = await client.SendAsync(request);
            Assert.Equal(instance, next.Headers.GetValues(TwoInstancesFixture.UpstreamHeader).Single());
        }
    }

    [Fact]
    public async Task A_user_signed_in_through_one_instance_is_signed_in_on_the_other_and_a_file_uploaded_on_one_is_downloaded_from_the_other()
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false });
        var (forA, forB) = await deployment.AffinitiesAsync(client);
        var contractId = await ScalarAsync<int>("""SELECT "Id" FROM "Contracts" WHERE "Title" LIKE '精神障碍社区康复服务%'""");

        // Signed in on web-a through the proxy; the circuit's WebSocket goes through nginx too.
        await using var onA = await ContextAsync(forA);
        var page = await onA.NewPageAsync();
        await page.GotoAsync("account/login");
        await page.Locator("#username").FillAsync("procurement");
        await page.Locator("#password").FillAsync(DemoPassword);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GotoAsync($"contracts/{contractId}");
        await WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "附件", Exact = true }).ClickAsync();
        // The tab's panel is drawn (the demo's signed scan is listed) before the file is chosen; a file chosen while the
        // upload input was still being wired to the circuit is chosen once more.
        await Expect(page.Locator("[data-testid=attachment-link]").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        var link = page.Locator("[data-testid=attachment-link]").Filter(new LocatorFilterOptions { HasText = "两台服务器.pdf" }).First;
        await BrowserTest.UploadAsync(page, new FilePayload { Name = "两台服务器.pdf", MimeType = "application/pdf", Buffer = Scan });

        var href = await link.GetAttributeAsync("href");

        // The same cookies, sent to web-b: the sign-in holds (shared keys), the file is there (shared store).
        await using var onB = await ContextAsync(forB, (await onA.CookiesAsync()).Where(c => c.Name != "diqing_affinity"));
        var download = await onB.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        Assert.Equal(Scan, await download.BodyAsync());
        Assert.EndsWith($":{deployment.B.Port}", download.Headers[TwoInstancesFixture.UpstreamHeader.ToLowerInvariant()], StringComparison.Ordinal);
        var pageOnB = await onB.NewPageAsync();
        var response = await pageOnB.GotoAsync($"contracts/{contractId}");
        Assert.EndsWith($":{deployment.B.Port}", (await response!.AllHeadersAsync())[TwoInstancesFixture.UpstreamHeader.ToLowerInvariant()], StringComparison.Ordinal);
        await WaitInteractiveAsync(pageOnB);
        await Expect(pageOnB.Locator("[data-testid=attachment-link]").Or(pageOnB.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "附件", Exact = true })).First).ToBeVisibleAsync();
        await Expect(pageOnB).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    [Fact]
    public async Task The_daily_notices_are_created_once_by_one_of_the_instances()
    {
        // Both instances checked the deadline-notices lease at start: one ran the job, the other left it.
        const string Ran = "deadline-notices ran on";
        const string Left = "deadline-notices is not due or runs on another instance";
        for (var waited = 0; waited < 600 && !(Has(deployment.A, Ran, Left) && Has(deployment.B, Ran, Left)); waited++)
        {
            await Task.Delay(100);
        }

        var runs = new[] { deployment.A, deployment.B }.Sum(i => Count(i.Output, Ran));
        Assert.True(runs == 1, $"web-a:{Environment.NewLine}{deployment.A.Output}{Environment.NewLine}web-b:{Environment.NewLine}{deployment.B.Output}");
        Assert.Equal(1, new[] { deployment.A, deployment.B }.Count(i => i.Output.Contains(Left, StringComparison.Ordinal)));
        var holder = await ScalarAsync<string>("""SELECT "Holder" FROM "BackgroundLeases" WHERE "Name" = 'deadline-notices'""");
        Assert.Contains($"{Ran} {holder}", (holder == deployment.A.Name ? deployment.A : deployment.B).Output);

        // The demo's overdue mid-term milestone: its agency's users have one notice each, written once.
        var notices = await ScalarAsync<long>("""SELECT count(*) FROM "Notifications" WHERE "Kind" = 'MilestoneOverdue'""");
        var written = await ScalarAsync<long>("""SELECT count(*) FROM "AuditEntries" WHERE "EntityType" = 'Notification' AND "Action" = 'Created' AND "Changes" LIKE '%MilestoneOverdue%'""");
        Assert.True(notices > 0);
        Assert.Equal(notices, written);
    }

    private static bool Has(AppInstance instance, string ran, string left) =>
        instance.Output.Contains(ran, StringComparison.Ordinal) || instance.Output.Contains(left, StringComparison.Ordinal);

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private async Task<IBrowserContext> ContextAsync(string affinity, IEnumerable<BrowserContextCookiesResult>? cookies = null)
    {
        var context = await deployment.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = deployment.ProxyAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(20_000);
        var url = deployment.ProxyAddress.ToString().TrimEnd('/');
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "diqing_affinity", Value = affinity, Url = url }]);
        if (cookies is not null)
        {
            await context.AddCookiesAsync(cookies.Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = url, HttpOnly = c.HttpOnly }));
        }

        return context;
    }

    private static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = deployment.Database.OpenRawConnection();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
