using System.Security.Claims;

namespace Diqing.Procurement.Web.Security;

public static class RoleSets
{
    /// <summary>
    /// Whether the user holds one of the roles of a comma-separated set (<c>Roles.Sets</c>, the *Access constants): what a
    /// page shows, as AuthorizeView decided. Never instead of the handler's own check.
    /// </summary>
    public static bool IsAnyOf(this ClaimsPrincipal? user, string roleSet) =>
        user?.Identity?.IsAuthenticated == true
        && roleSet.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(user.IsInRole);
}
