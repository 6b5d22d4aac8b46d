using System.Net;
using System.Text.RegularExpressions;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>Plain HTTP checks against the running host: health endpoint and the static assets the pages need.</summary>
[Collection(AppCollection.Name)]
public sealed partial class HostingTests(AppFixture app)
{
    [Fact]
    public async Task Health_endpoint_reports_healthy()
    {
        using var response = await app.Http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("health/live")]
    [InlineData("health/ready")]
    public async Task Liveness_and_readiness_endpoints_report_healthy(string path)
    {
        using var response = await app.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("_framework/blazor.web.js")]
    [InlineData("_content/MudBlazor/MudBlazor.min.js")]
    [InlineData("_content/MudBlazor/MudBlazor.min.css")]
    public async Task Framework_and_component_assets_are_served(string path)
    {
        using var response = await app.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Every_script_and_stylesheet_the_sign_in_page_references_is_served()
    {
        var html = await app.Http.GetStringAsync("account/login");
        var assets = AssetReference().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value)).Distinct().ToList();

        Assert.Contains(assets, a => a.Contains("blazor.web", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("MudBlazor", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var response = await app.Http.GetAsync(asset.TrimStart('/'));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_unknown_page_answers_404_with_the_chinese_not_found_page()
    {
        using var response = await app.Http.GetAsync("no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_unhandled_exception_shows_the_friendly_error_page_without_details()
    {
        using var response = await app.Http.GetAsync("__test/fault");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("出错了", html);
        Assert.DoesNotContain("SECRET-INTERNAL-DETAIL", html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain(" at ", html);
    }

    [GeneratedRegex(@"(?:src|href)=""(?<url>[^""?]+\.(?:js|css))(?:\?[^""]*)?""")]
    private static partial Regex AssetReference();
}
