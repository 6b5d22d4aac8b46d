using Diqing.Procurement.Infrastructure.Security;

namespace Diqing.Procurement.Application.Common;

/// <summary>Server-side role checks, called by every handler before it reads or writes .</summary>
public static class Authorization
{
    public static void Demand(this ICurrentUser user, params string[] roles)
    {
        if (!user.IsAuthenticated || !roles.Any(user.IsInRole))
        {
            throw new ForbiddenAccessException();
        }
    }

    /// <summary>Same as <see cref="Demand"/>, with the comma-separated sets of <c>Roles.Sets</c>.</summary>
    public static void DemandAny(this ICurrentUser user, string roleSet) =>
        user.Demand(roleSet.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// An agency user sees only its own agency's data; an administrator who also holds the agency role sees everything.
    /// The one definition every handler and query scope uses.
    /// </summary>
    public static bool IsAgencyOnly(this ICurrentUser user) =>
        user.IsInRole(Domain.Security.Roles.AgencyUser) && !user.IsInRole(Domain.Security.Roles.Administrator);

    /// <summary>The agency whose rows an agency-only user may see (-1, matching nothing, when the account has none).</summary>
    public static int OwnAgencyId(this ICurrentUser user) => user.AgencyId ?? -1;

    /// <summary>Whether the user holds one of the roles of a comma-separated set (for choosing a path, never instead of a Demand).</summary>
    public static bool IsAnyOf(this ICurrentUser user, string roleSet) =>
        user.IsAuthenticated && roleSet.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(user.IsInRole);
}
