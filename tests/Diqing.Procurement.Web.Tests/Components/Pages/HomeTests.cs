using Bunit;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Web.Components.Pages;

namespace Diqing.Procurement.Web.Tests.Components.Pages;

public sealed class HomeTests : MudTestContext
{
    [Theory]
    [InlineData(Roles.FinanceOfficer, "管理资金来源")]
    [InlineData(Roles.Judge, "申报利益冲突")]
    [InlineData(Roles.AgencyUser, "提交进度报告")]
    public void Home_tells_each_role_what_it_can_do_next(string role, string expected)
    {
        SignIn(role, displayName: "扎西");

        var home = Context.Render<Home>();

        Assert.Contains("您好，扎西", home.Markup);
        Assert.Single(home.FindAll("[data-testid^=home-]"));
        Assert.NotNull(home.Find($"[data-testid=home-{role}]"));
        Assert.Contains(expected, home.Markup);
    }

    [Fact]
    public void Administrator_home_links_to_users_and_audit()
    {
        SignIn(Roles.Administrator);

        var home = Context.Render<Home>();

        var links = home.FindAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("admin/users", links);
        Assert.Contains("audit", links);
    }
}
