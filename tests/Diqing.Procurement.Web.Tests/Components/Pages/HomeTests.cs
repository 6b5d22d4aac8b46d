using Bunit;
using Diqing.Procurement.Application.Features.Dashboard;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages;

public sealed class HomeTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;
    private int _agencyId;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _agencyId = await _app.AddAgencyAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    private IRenderedComponent<Home> Render(string role, string displayName = "测试用户")
    {
        SignIn(role, displayName);
        Context.Services.AddSingleton(_app.As<GetDashboardHandler>(role, role == Roles.AgencyUser ? _agencyId : null));
        Context.Services.AddScoped<UserFeedback>();
        Context.Render<MudBlazor.MudPopoverProvider>();
        return Context.Render<Home>();
    }

    [Theory]
    [InlineData(Roles.FinanceOfficer, "管理资金来源", "dashboard-bureau")]
    [InlineData(Roles.Judge, "申报利益冲突", "dashboard-judge")]
    [InlineData(Roles.AgencyUser, "提交进度报告", "dashboard-agency")]
    public void Home_shows_each_role_its_dashboard_and_what_it_can_do_next(string role, string expected, string dashboard)
    {
        var home = Render(role, "扎西");

        Assert.Contains("您好，扎西", home.Markup);
        Assert.Single(home.FindAll("[data-testid^=home-]"));
        Assert.NotNull(home.Find($"[data-testid=home-{role}]"));
        Assert.Contains(expected, home.Markup);
        home.WaitForAssertion(() => Assert.Single(home.FindAll($"[data-testid={dashboard}]")));
        Assert.Single(home.FindAll("[data-testid=dashboard-bureau], [data-testid=dashboard-agency], [data-testid=dashboard-judge]")); // no other role's
    }

    [Fact]
    public void Administrator_home_links_to_users_and_audit_with_buttons_that_wrap()
    {
        var home = Render(Roles.Administrator);

        var links = home.FindAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("admin/users", links);
        Assert.Contains("audit", links);
        Assert.Contains("flex-wrap", home.Find("[data-testid=home-Administrator] .mud-card-actions").ClassName);
        Assert.All(home.FindAll("[data-testid=home-Administrator] .mud-card-actions a"), a => Assert.Contains("text-nowrap", a.ClassName));
    }
}
