using System.Security.Claims;
using Diqing.Procurement.Domain.Security;
using MudBlazor;

namespace Diqing.Procurement.Web.Navigation;

/// <summary>One navigation entry and the roles that may use its page (the page's [Authorize] says the same).</summary>
public sealed record NavItem(string Href, string TextKey, string Icon, IReadOnlyList<string>? Roles);

/// <summary>The single list the menu is drawn from: a role sees exactly the entries it may use.</summary>
public static class NavigationCatalog
{
    public static readonly IReadOnlyList<NavItem> Items =
    [
        new("", "Nav.Home", Icons.Material.Filled.Home, null),
        new("my-work", "Nav.MyWork", Icons.Material.Filled.Assignment, [Roles.AgencyUser]),
        new("agencies", "Nav.Agencies", Icons.Material.Filled.Apartment, [Roles.Administrator, Roles.ProcurementOfficer, Roles.FinanceOfficer, Roles.Auditor]),
        new("funding", "Nav.Funding", Icons.Material.Filled.AccountBalance, [Roles.Administrator, Roles.FinanceOfficer, Roles.ProcurementOfficer, Roles.Auditor]),
        new("contracts", "Nav.Contracts", Icons.Material.Filled.Description,
            [Roles.Administrator, Roles.ProcurementOfficer, Roles.FinanceOfficer, Roles.Auditor, Roles.AgencyUser]),
        new("reviews", "Nav.Reviews", Icons.Material.Filled.FactCheck, [Roles.Administrator, Roles.ProcurementOfficer]),
        new("overdue", "Nav.Overdue", Icons.Material.Filled.EventBusy, [Roles.Administrator, Roles.ProcurementOfficer, Roles.FinanceOfficer, Roles.Auditor]),
        new("competitions", "Nav.Competitions", Icons.Material.Filled.EmojiEvents,
            [Roles.Administrator, Roles.ProcurementOfficer, Roles.FinanceOfficer, Roles.Auditor, Roles.AgencyUser, Roles.Judge]),
        new("admin/users", "Nav.Users", Icons.Material.Filled.ManageAccounts, [Roles.Administrator]),
        new("audit", "Nav.Audit", Icons.Material.Filled.Policy, [Roles.Administrator, Roles.Auditor]),
    ];

    public static IEnumerable<NavItem> For(ClaimsPrincipal user) =>
        Items.Where(i => user.Identity?.IsAuthenticated == true && (i.Roles is null || i.Roles.Any(user.IsInRole)));
}
