using System.Globalization;
using System.Text;
using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Users;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Auditing;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Account;

public enum TwoFactorOutcome
{
    Succeeded = 1,

    /// <summary>Wrong or reused code (Identity counts it towards the lockout), or a locked account.</summary>
    Failed = 2,

    /// <summary>The password step is older than five minutes, or there was none: sign in again.</summary>
    Expired = 3,
}

/// <summary>What the enrolment page shows: the shared key as text and as the otpauth URI of the QR code.</summary>
public sealed record AuthenticatorSetup(string UserName, string SharedKey, string AuthenticatorUri);

/// <summary>
/// The second sign-in step (TOTP authenticator or a one-time recovery code, ASP.NET Core Identity's own support), for
/// the user named by the password step's short-lived two-factor cookie.
/// </summary>
public sealed class TwoFactorSignInHandler(SignInManager<ApplicationUser> signInManager, IDbContextFactory<ProcurementDbContext> dbFactory)
{
    public async Task<TwoFactorOutcome> HandleAsync(string? code, bool isRecoveryCode, bool rememberMe, CancellationToken cancellationToken = default)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return TwoFactorOutcome.Expired;
        }

        var normalized = isRecoveryCode ? TwoFactorCodes.NormalizeRecovery(code) : TwoFactorCodes.Normalize(code);
        var result = isRecoveryCode
            ? await signInManager.TwoFactorRecoveryCodeSignInAsync(normalized)
            : await signInManager.TwoFactorAuthenticatorSignInAsync(normalized, rememberMe, rememberClient: false);
        var actor = new AuditActor(user.Id, user.UserName);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (result.Succeeded)
        {
            db.RecordEvent(AuditAction.LoginSucceeded, SignInHandler.Subject, user.Id, new { secondFactor = isRecoveryCode ? "RecoveryCode" : "Authenticator" }, actor);
        }
        else
        {
            db.RecordEvent(AuditAction.LoginFailed, SignInHandler.Subject, user.Id, new { reason = result.IsLockedOut ? "LockedOut" : "WrongSecondFactor" }, actor);
        }

        await db.SaveChangesAsync(cancellationToken);
        return result.Succeeded ? TwoFactorOutcome.Succeeded : TwoFactorOutcome.Failed;
    }
}

/// <summary>
/// Setting up the authenticator: during sign-in for a role that requires it (the user named by the two-factor
/// cookie), or from the account page by anyone signed in. A code from the app confirms the key; ten one-time recovery
/// codes are shown once. Required roles cannot turn it off.
/// </summary>
public sealed class TwoFactorEnrolmentHandler(
    SignInManager<ApplicationUser> signInManager, IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public const string Issuer = "迪庆州民政局";
    public const int RecoveryCodeCount = 10;
    public const string AuthenticatorStore = "[AspNetUserStore]";
    public const string AuthenticatorKeyName = "AuthenticatorKey";

    private UserManager<ApplicationUser> Users => signInManager.UserManager;

    /// <summary>The key to enrol, for the pending sign-in (<paramref name="duringSignIn"/>) or the signed-in user; null when neither.</summary>
    public async Task<AuthenticatorSetup?> BeginAsync(bool duringSignIn)
    {
        var user = await UserAsync(duringSignIn);
        if (user is null)
        {
            return null;
        }

        var key = await Users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || user.TwoFactorEnabled)
        {
            // A fresh key each time enrolment starts over (and never the key of an enrolment already confirmed). Stored as
            // Identity's own authenticator token, without ResetAuthenticatorKeyAsync's new security stamp, which would end
            // the signed-in user's session while the page is being shown.
            key = Users.GenerateNewAuthenticatorKey();
            try
            {
                IdentityChecks.ThrowIfFailed(await Users.SetAuthenticationTokenAsync(user, AuthenticatorStore, AuthenticatorKeyName, key));
            }
            catch (DbUpdateException)
            {
                // Two requests for the page at once (an enhanced navigation and the full load after it) both began the
                // enrolment: the key the other stored stands, read from the database (this request's store holds its own).
                await using var db = await dbFactory.CreateDbContextAsync();
                key = await db.UserTokens.AsNoTracking()
                    .Where(t => t.UserId == user.Id && t.LoginProvider == AuthenticatorStore && t.Name == AuthenticatorKeyName)
                    .Select(t => t.Value).SingleAsync();
            }
        }

        var label = Uri.EscapeDataString(Issuer) + ":" + Uri.EscapeDataString(user.UserName!);
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        return new AuthenticatorSetup(user.UserName!, Group(key!), uri);
    }

    /// <summary>Confirms the key with a code from the app; during sign-in it then signs the user in.</summary>
    /// <returns>The recovery codes (shown once), or null when the code is wrong or the sign-in step expired.</returns>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(string? code, bool duringSignIn, bool rememberMe, CancellationToken cancellationToken = default)
    {
        var user = await UserAsync(duringSignIn);
        if (user is null)
        {
            return null;
        }

        var valid = await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, TwoFactorCodes.Normalize(code));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!valid)
        {
            if (duringSignIn)
            {
                // A wrong code during sign-in counts like a wrong password.
                await Users.AccessFailedAsync(user);
            }

            return null;
        }

        IdentityChecks.ThrowIfFailed(await Users.SetTwoFactorEnabledAsync(user, true));
        var codes = (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        if (duringSignIn)
        {
            await signInManager.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            await signInManager.SignInAsync(user, rememberMe, authenticationMethod: "mfa");
            db.RecordEvent(AuditAction.LoginSucceeded, SignInHandler.Subject, user.Id, new { secondFactor = "Enrolled" }, new AuditActor(user.Id, user.UserName));
        }
        else
        {
            // Turning it on gave the account a new security stamp: this browser's sign-in is renewed, other sessions end.
            await signInManager.RefreshSignInAsync(user);
        }

        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    /// <summary>The signed-in user's two-factor state for the account page.</summary>
    public async Task<(bool Enabled, bool Required, int RecoveryCodesLeft)> StatusAsync()
    {
        var user = await UserAsync(duringSignIn: false) ?? throw new ForbiddenAccessException();
        var required = (await Users.GetRolesAsync(user)).Any(Roles.TwoFactorRequired.Contains);
        return (user.TwoFactorEnabled, required, user.TwoFactorEnabled ? await Users.CountRecoveryCodesAsync(user) : 0);
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync()
    {
        var user = await UserAsync(duringSignIn: false) ?? throw new ForbiddenAccessException();
        if (!user.TwoFactorEnabled)
        {
            throw new DomainException("Account.TwoFactorNotEnabled");
        }

        return (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
    }

    /// <summary>Turns the second factor off (and forgets the key); refused for the roles that require it.</summary>
    public async Task DisableAsync()
    {
        var user = await UserAsync(duringSignIn: false) ?? throw new ForbiddenAccessException();
        if ((await Users.GetRolesAsync(user)).Any(Roles.TwoFactorRequired.Contains))
        {
            throw new DomainException("Account.TwoFactorRequired");
        }

        IdentityChecks.ThrowIfFailed(await Users.SetTwoFactorEnabledAsync(user, false));
        IdentityChecks.ThrowIfFailed(await Users.ResetAuthenticatorKeyAsync(user));
        await signInManager.RefreshSignInAsync(user);
    }

    private async Task<ApplicationUser?> UserAsync(bool duringSignIn) =>
        duringSignIn
            ? await signInManager.GetTwoFactorAuthenticationUserAsync()
            : currentUser.IsAuthenticated ? await Users.FindByIdAsync(currentUser.UserId!) : null;

    private static string Group(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return grouped.ToString().TrimEnd().ToLower(CultureInfo.InvariantCulture);
    }
}

internal static class TwoFactorCodes
{
    /// <summary>Spaces and hyphens typed with an authenticator code are not part of it.</summary>
    public static string Normalize(string? code) => (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).Trim();

    /// <summary>Recovery codes are "XXXXX-XXXXX"; the hyphen belongs to them.</summary>
    public static string NormalizeRecovery(string? code) => (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
}
