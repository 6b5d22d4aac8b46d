using System.Text.RegularExpressions;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>Each role's home page draws its charts, and a figure's link opens the list that shows the same total.</summary>
public sealed class DashboardTests(AppFixture app) : BrowserTest(app)
{
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "diqing-dashboard-shots");

    private async Task ShotAsync(string name)
    {
        Directory.CreateDirectory(Shots);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
    }

    private async Task ExpectChartDrawnAsync(string testId)
    {
        var chart = Page.Locator($"[data-testid={testId}]");
        await Expect(chart.Locator("svg path").First).ToBeAttachedAsync();
        await Expect(chart.Locator("[role=img]")).ToHaveAttributeAsync("aria-labelledby", testId + "-title");
        await Expect(chart.Locator("table")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_bureau_dashboard_draws_charts_and_its_contracted_figure_opens_the_list_with_the_same_total()
    {
        await SignInAsync(Page, "procurement");
        await ExpectChartDrawnAsync("chart-status");
        await ExpectChartDrawnAsync("chart-counties");
        await ShotAsync("bureau");

        var figure = Page.Locator("[data-testid=figure-contracted]");
        var amount = (await figure.InnerTextAsync()).Trim();
        Assert.StartsWith("¥", amount);
        await figure.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/contracts\?year=\d{4}&signed=true$"));
        await Expect(Page.Locator("[data-testid=contracts-totals]")).ToContainTextAsync(amount);
        await ShotAsync("bureau-contracts");
    }

    [Fact]
    public async Task A_county_row_opens_the_contract_list_of_that_county_with_the_same_amount()
    {
        await SignInAsync(Page, "auditor");
        var row = Page.Locator("[data-testid=chart-counties] tbody tr").First;
        var amount = (await row.Locator("td").Last.InnerTextAsync()).Trim();
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("county=ShangriLa"));
        await Expect(Page.Locator("[data-testid=contracts-totals]")).ToContainTextAsync(amount);
    }

    [Fact]
    public async Task The_agency_dashboard_shows_its_own_contracts_and_links_to_its_list_with_the_same_total()
    {
        await SignInAsync(Page, "agency");
        await Expect(Page.Locator("[data-testid=dashboard-bureau]")).ToHaveCountAsync(0);
        await ExpectChartDrawnAsync("chart-received");
        await ShotAsync("agency");

        var figure = Page.Locator("[data-testid=figure-agency-contracts]");
        var amount = (await figure.InnerTextAsync()).Trim();
        await figure.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/contracts\?year=\d{4}&signed=true$"));
        await Expect(Page.Locator("[data-testid=contracts-totals]")).ToContainTextAsync(amount);
    }

    [Fact]
    public async Task The_judge_dashboard_shows_the_judging_work_and_opens_the_competition()
    {
        await SignInAsync(Page, "judge");
        await Expect(Page.Locator("[data-testid=dashboard-judge]")).ToBeVisibleAsync();
        await ExpectChartDrawnAsync("chart-judging");
        await ShotAsync("judge");

        await Page.Locator("[data-testid=figure-sheets]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/competitions/\d+$"));
    }
}
