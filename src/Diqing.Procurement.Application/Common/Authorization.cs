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

    /// <summary>Whether the user holds one of the roles of a comma-separated set (for choosing a path, never instead of a Demand).</summary>
    public static bool IsAnyOf(this ICurrentUser user, string roleSet) =>
        user.IsAuthenticated && roleSet.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(user.IsInRole);
}
