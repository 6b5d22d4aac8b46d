using System.Security.Claims;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Auditing;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Account;

/// <summary>What the sign-in page may tell: never which accounts exist, are locked or are deactivated.</summary>
public enum SignInOutcome
{
    Succeeded = 1,

    /// <summary>Unknown name, wrong password, locked or deactivated account: one answer for all.</summary>
    Failed = 2,

    /// <summary>Failed, and one more failure locks the account (shown the same way for names that do not exist).</summary>
    FailedOneAttemptLeft = 3,

    /// <summary>The password was right; the authenticator code comes next.</summary>
    RequiresTwoFactor = 4,

    /// <summary>The password was right, the role needs a second factor and none is set up: enrolment comes next.</summary>
    RequiresEnrolment = 5,
}

/// <summary>
/// Password sign-in with lockout (R: 5 failures lock for 15 minutes) and, for the roles that need it, a second factor.
/// Every path checks one password hash (a stand-in for unknown, locked and deactivated accounts), so that neither the
/// answer nor its timing tells them apart; the audit log records the real reason. The typed name is capped before
/// it reaches the log.
/// </summary>
public sealed class SignInHandler(
    SignInManager<ApplicationUser> signInManager,
    IDbContextFactory<ProcurementDbContext> dbFactory,
    IPasswordHasher<ApplicationUser> passwordHasher,
    SignInAttempts attempts)
{
    public const string Subject = "Account";

    /// <summary>No account name is longer (CreateUser allows 50); anything beyond is cut before lookup and logging.</summary>
    public const int MaxUserNameLength = 64;

    private static readonly ApplicationUser StandIn = new() { UserName = "stand-in" };
    private static string? _standInHash;

    public static string CapUserName(string? userName)
    {
        var trimmed = (userName ?? string.Empty).Trim();
        return trimmed.Length > MaxUserNameLength ? trimmed[..MaxUserNameLength] : trimmed;
    }

    public async Task<SignInOutcome> HandleAsync(string? userName, string? password, bool rememberMe, CancellationToken cancellationToken = default)
    {
        var name = CapUserName(userName);
        password ??= string.Empty;
        var users = signInManager.UserManager;
        var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
        var wasLockedOut = user is not null && await users.IsLockedOutAsync(user);
        var result = user is null ? SignInResult.Failed : await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);

        // Identity checked the password only for an active account that was not locked before.
        var reason = user is null ? "UnknownUser"
            : result.IsNotAllowed ? "Deactivated"
            : wasLockedOut ? "LockedOut"
            : result.Succeeded ? null
            : "WrongPassword";
        var passwordChecked = reason is null or "WrongPassword";
        var actor = new AuditActor(user?.Id, name);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        SignInOutcome outcome;
        if (result.Succeeded)
        {
            outcome = await ContinueAsync(user!, rememberMe, db, actor);
        }
        else if (passwordChecked)
        {
            var lockedNow = result.IsLockedOut;
            db.RecordEvent(AuditAction.LoginFailed, Subject, user!.Id, new { reason }, actor);
            if (lockedNow)
            {
                db.RecordEvent(AuditAction.LockedOut, Subject, user.Id, new { until = user.LockoutEnd?.UtcDateTime }, actor);
            }

            var warn = !lockedNow && user.AccessFailedCount == signInManager.Options.Lockout.MaxFailedAccessAttempts - 1;
            outcome = warn ? SignInOutcome.FailedOneAttemptLeft : SignInOutcome.Failed;
        }
        else
        {
            // No password was checked: do the same work, and count the same way, as for an active account.
            passwordHasher.VerifyHashedPassword(StandIn, _standInHash ??= passwordHasher.HashPassword(StandIn, Guid.NewGuid().ToString()), password);
            db.RecordEvent(AuditAction.LoginFailed, Subject, user?.Id, new { reason }, actor);
            outcome = attempts.Fail(name) ? SignInOutcome.FailedOneAttemptLeft : SignInOutcome.Failed;
        }

        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }

    private async Task<SignInOutcome> ContinueAsync(ApplicationUser user, bool rememberMe, ProcurementDbContext db, AuditActor actor)
    {
        attempts.Forget(user.UserName!);
        if (user.TwoFactorEnabled)
        {
            await PendSecondFactorAsync(user);
            return SignInOutcome.RequiresTwoFactor;
        }

        if ((await signInManager.UserManager.GetRolesAsync(user)).Any(Roles.TwoFactorRequired.Contains))
        {
            await PendSecondFactorAsync(user);
            return SignInOutcome.RequiresEnrolment;
        }

        await signInManager.SignInAsync(user, rememberMe, authenticationMethod: "pwd");
        db.RecordEvent(AuditAction.LoginSucceeded, Subject, user.Id, actor: actor);
        return SignInOutcome.Succeeded;
    }

    /// <summary>Identity's own two-factor cookie (5 minutes) names the user between the password and the code.</summary>
    private async Task PendSecondFactorAsync(ApplicationUser user)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id));
        await signInManager.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }
}

/// <summary>Signs the current user out and ends the session on the server: a copy of the cookie opens nothing afterwards.</summary>
public sealed class SignOutHandler(
    SignInManager<ApplicationUser> signInManager,
    IDbContextFactory<ProcurementDbContext> dbFactory,
    UserSessions sessions,
    Infrastructure.Security.ICurrentUser currentUser)
{
    public async Task HandleAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.IsAuthenticated)
        {
            await sessions.EndAsync(currentUser.SessionId, SessionEndReason.SignedOut, cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.RecordEvent(AuditAction.Logout, SignInHandler.Subject, currentUser.UserId);
            await db.SaveChangesAsync(cancellationToken);
        }

        await signInManager.SignOutAsync();
    }
}
