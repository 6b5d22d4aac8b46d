using System.Security.Claims;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Diqing.Procurement.Web.Security;

/// <summary>
/// Ties the sign-in cookie to a server-side session (UserSessions): signing in opens one and writes its id into the
/// cookie; every request checks it (ended, idle past the timeout, older than the absolute lifetime → signed out) before
/// Identity's own security-stamp check, which runs on every request too. The cookie itself lives no longer than the
/// absolute lifetime and does not slide.
/// </summary>
internal static class SessionCookie
{
    public static void Configure(CookieAuthenticationOptions cookie, UserSessionOptions sessions)
    {
        cookie.ExpireTimeSpan = sessions.AbsoluteLifetime;
        cookie.SlidingExpiration = false;
        var identityCheck = cookie.Events.OnValidatePrincipal;
        cookie.Events.OnSigningIn = StartAsync;
        cookie.Events.OnValidatePrincipal = async context =>
        {
            if (await IsActiveAsync(context))
            {
                await identityCheck(context);
            }
        };
    }

    /// <summary>Identity rebuilds the principal when it checks the security stamp; the session id and sign-in method carry over.</summary>
    public static void KeepSessionClaims(SecurityStampValidatorOptions options)
    {
        options.ValidationInterval = TimeSpan.Zero;
        options.OnRefreshingPrincipal = context =>
        {
            if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
            {
                foreach (var type in new[] { AppClaimTypes.SessionId, ClaimTypes.AuthenticationMethod, "amr" })
                {
                    if (current.FindFirst(type) is { } claim && identity.FindFirst(type) is null)
                    {
                        identity.AddClaim(new Claim(claim.Type, claim.Value));
                    }
                }
            }

            return Task.CompletedTask;
        };
    }

    private static async Task StartAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is ClaimsIdentity identity && identity.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } userId)
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
            if (context.HttpContext.User.FindFirstValue(AppClaimTypes.SessionId) is { } previous)
            {
                await sessions.EndAsync(previous, SessionEndReason.Renewed, context.HttpContext.RequestAborted);
            }

            foreach (var old in identity.FindAll(AppClaimTypes.SessionId).ToList())
            {
                identity.RemoveClaim(old);
            }

            identity.AddClaim(new Claim(AppClaimTypes.SessionId, await sessions.StartAsync(userId, context.HttpContext.RequestAborted)));
        }
    }

    private static async Task<bool> IsActiveAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
        if (await sessions.IsActiveAsync(principal?.FindFirstValue(AppClaimTypes.SessionId), principal?.FindFirstValue(ClaimTypes.NameIdentifier), activity: true))
        {
            return true;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return false;
    }
}
