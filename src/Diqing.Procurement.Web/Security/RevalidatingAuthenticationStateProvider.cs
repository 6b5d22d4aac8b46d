using System.Security.Claims;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Diqing.Procurement.Web.Security;

/// <summary>
/// Checks that a circuit's user still exists, is active, has the same security stamp and that its server-side session
/// is still open: every <see cref="UserSessionOptions.CircuitRevalidationInterval"/>, and on user activity through
/// <see cref="UserCircuitHandler"/>. A signed-out, deactivated, locked, re-passworded or timed-out account loses its
/// open pages.
/// </summary>
internal sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> options,
    UserSessionOptions sessionOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private static readonly AuthenticationState SignedOut = new(new ClaimsPrincipal(new ClaimsIdentity()));

    protected override TimeSpan RevalidationInterval => sessionOptions.CircuitRevalidationInterval;

    /// <summary>Called on circuit activity: a session found ended signs the circuit out at once.</summary>
    /// <returns>false when the circuit's user is no longer signed in.</returns>
    public async Task<bool> CheckNowAsync(CancellationToken cancellationToken)
    {
        var state = await GetAuthenticationStateAsync();
        if (state.User.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        if (await IsValidAsync(state.User, activity: true, cancellationToken))
        {
            return true;
        }

        SetAuthenticationState(Task.FromResult(SignedOut));
        return false;
    }

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsValidAsync(authenticationState.User, activity: false, cancellationToken);

    private async Task<bool> IsValidAsync(ClaimsPrincipal principal, bool activity, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<UserSessions>();
        if (!await sessions.IsActiveAsync(principal.FindFirstValue(AppClaimTypes.SessionId), principal.FindFirstValue(ClaimTypes.NameIdentifier), activity, cancellationToken))
        {
            return false;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDeactivated || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }
}
