using Bunit;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Web.Components.Layout;

namespace Diqing.Procurement.Web.Tests.Components.Layout;

public sealed class NavMenuTests : MudTestContext
{
    [Theory]
    [InlineData(Roles.Administrator, "Nav.Home,Nav.Agencies,Nav.Funding,Nav.Contracts,Nav.Reviews,Nav.Overdue,Nav.Competitions,Nav.Announcement,Nav.Users,Nav.Audit")]
    [InlineData(Roles.Auditor, "Nav.Home,Nav.Agencies,Nav.Funding,Nav.Contracts,Nav.Overdue,Nav.Competitions,Nav.Announcement,Nav.Audit")]
    [InlineData(Roles.ProcurementOfficer, "Nav.Home,Nav.Agencies,Nav.Funding,Nav.Contracts,Nav.Reviews,Nav.Overdue,Nav.Competitions,Nav.Announcement")]
    [InlineData(Roles.FinanceOfficer, "Nav.Home,Nav.Agencies,Nav.Funding,Nav.Contracts,Nav.Overdue,Nav.Competitions,Nav.Announcement")]
    [InlineData(Roles.AgencyUser, "Nav.Home,Nav.MyWork,Nav.Agencies,Nav.Contracts,Nav.Competitions")]
    [InlineData(Roles.Judge, "Nav.Home,Nav.Competitions")]
    public void Each_role_sees_exactly_its_entries(string role, string expected)
    {
        SignIn(role);

        var menu = Context.Render<NavMenu>();

        var shown = menu.FindAll("[data-nav]").Select(a => a.GetAttribute("data-nav")).ToList();
        Assert.Equal(expected.Split(','), shown);
    }

    [Fact]
    public void Entries_are_in_chinese_by_default()
    {
        SignIn(Roles.Administrator);

        var menu = Context.Render<NavMenu>();

        Assert.Contains("用户管理", menu.Markup);
        Assert.Contains("审计日志", menu.Markup);
    }

    [Fact]
    public void Anonymous_users_see_no_navigation()
    {
        Authorization.SetNotAuthorized();

        var menu = Context.Render<NavMenu>();

        Assert.Empty(menu.FindAll("[data-nav]"));
    }
}

public sealed class NavMenuEnglishTests() : MudTestContext("en-US")
{
    [Fact]
    public void Entries_follow_the_english_ui_culture()
    {
        SignIn(Roles.Auditor);

        var menu = Context.Render<NavMenu>();

        Assert.Contains("Audit log", menu.Markup);
        Assert.DoesNotContain("审计日志", menu.Markup);
    }
}
