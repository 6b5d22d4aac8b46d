using System.Globalization;
using System.Security.Claims;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Diqing.Procurement.Infrastructure.Identity;

/// <summary>Adds the agency and display name to the sign-in cookie so authorisation needs no extra query.</summary>
public sealed class ApplicationUserClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaimTypes.DisplayName, user.DisplayName));
        if (user.AgencyId is { } agencyId)
        {
            identity.AddClaim(new Claim(AppClaimTypes.AgencyId, agencyId.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
