using System.Security.Claims;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Security;
using MudBlazor;

namespace Diqing.Procurement.Web.Navigation;

/// <summary>One navigation entry and the roles that may use its page: the same role set as the page's [Authorize] (null: every signed-in user).</summary>
public sealed record NavItem(string Href, string TextKey, string Icon, string? Roles)
{
    public bool IsFor(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (Roles is null || RoleNames.Any(user.IsInRole));

    /// <summary>Whether the page is one of the role's own (for the role's home card; entries open to everyone are not).</summary>
    public bool IsForRole(string role) => RoleNames.Contains(role);

    private IEnumerable<string> RoleNames => (Roles ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>The single list the menu is drawn from: a role sees exactly the entries it may use.</summary>
public static class NavigationCatalog
{
    public static readonly IReadOnlyList<NavItem> Items =
    [
        new("", "Nav.Home", Icons.Material.Filled.Home, null),
        new("my-work", "Nav.MyWork", Icons.Material.Filled.Assignment, ReportAccess.Writers),
        new("agencies", "Nav.Agencies", Icons.Material.Filled.Apartment, AgencyAccess.Readers),
        new("funding", "Nav.Funding", Icons.Material.Filled.AccountBalance, FundingAccess.Readers),
        new("contracts", "Nav.Contracts", Icons.Material.Filled.Description, ContractAccess.Readers),
        new("reviews", "Nav.Reviews", Icons.Material.Filled.FactCheck, ReportAccess.Reviewers),
        new("overdue", "Nav.Overdue", Icons.Material.Filled.EventBusy, ReportAccess.BureauReaders),
        new("competitions", "Nav.Competitions", Icons.Material.Filled.EmojiEvents, CompetitionAccess.Everyone),
        new("welfare-lottery", "Nav.Announcement", Icons.Material.Filled.Campaign, Application.Features.Announcements.AnnouncementAccess.Readers),
        new("admin/users", "Nav.Users", Icons.Material.Filled.ManageAccounts, Roles.Sets.Administrators),
        new("audit", "Nav.Audit", Icons.Material.Filled.Policy, Roles.Sets.AuditReaders),
    ];

    public static IEnumerable<NavItem> For(ClaimsPrincipal user) => Items.Where(i => i.IsFor(user));

    /// <summary>The user's roles, in the domain's order.</summary>
    public static IEnumerable<string> RolesOf(ClaimsPrincipal user) => Diqing.Procurement.Domain.Security.Roles.All.Where(user.IsInRole);
}
