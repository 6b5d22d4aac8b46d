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

    [GeneratedRegex(@"(?:src|href)=""(?<url>[^""?]+\.(?:js|css))(?:\?[^""]*)?""")]
    private static partial Regex AssetReference();
}
