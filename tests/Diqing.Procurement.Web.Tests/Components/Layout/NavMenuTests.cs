using Bunit;
using Bunit.TestDoubles;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

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

    [Theory]
    [InlineData("", "Nav.Home")]
    [InlineData("contracts", "Nav.Contracts")]
    [InlineData("contracts/12?tab=payments", "Nav.Contracts")]
    [InlineData("admin/users", "Nav.Users")]
    [InlineData("auditor-notes", null)]
    public void The_entry_of_the_open_page_and_of_the_pages_under_it_is_marked_current(string path, string? expected)
    {
        SignIn(Roles.Administrator);
        var menu = Context.Render<NavMenu>();

        Context.Services.GetRequiredService<BunitNavigationManager>().NavigateTo(path);

        menu.WaitForAssertion(() =>
        {
            var current = menu.FindAll("a[aria-current=page]").Select(a => a.GetAttribute("data-nav")).ToList();
            Assert.Equal(expected is null ? [] : [expected], current);
            Assert.All(menu.FindAll("a.active"), a => Assert.Equal(expected, a.GetAttribute("data-nav")));
        });
    }

    [Fact]
    public void The_menu_is_plain_links_with_their_icons_not_a_component_per_entry()
    {
        SignIn(Roles.Administrator);

        var menu = Context.Render<NavMenu>();

        // Ten MudNavLinks were ~40 components kept by every open page (docs/performance.md §1).
        Assert.Equal(10, menu.FindAll("a[data-nav] svg[aria-hidden=true]").Count);
        Assert.True(menu.FindComponents<IComponent>().Count <= 3, $"{menu.FindComponents<IComponent>().Count} components");
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
