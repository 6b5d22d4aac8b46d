using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Infrastructure.Auditing;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Account;

public enum SignInOutcome
{
    Succeeded = 1,
    Failed = 2,
    LockedOut = 3,
    NotAllowed = 4,
}

/// <summary>Password sign-in with lockout; every attempt, and the moment an account locks, is an audit event.</summary>
public sealed class SignInHandler(
    SignInManager<ApplicationUser> signInManager,
    IDbContextFactory<ProcurementDbContext> dbFactory)
{
    public const string Subject = "Account";

    public async Task<SignInOutcome> HandleAsync(string userName, string password, bool rememberMe, CancellationToken cancellationToken = default)
    {
        userName = userName.Trim();
        var users = signInManager.UserManager;
        var user = await users.FindByNameAsync(userName);
        var wasLockedOut = user is not null && await users.IsLockedOutAsync(user);

        var result = await signInManager.PasswordSignInAsync(userName, password, rememberMe, lockoutOnFailure: true);
        var outcome = result.Succeeded ? SignInOutcome.Succeeded
            : result.IsLockedOut ? SignInOutcome.LockedOut
            : result.IsNotAllowed ? SignInOutcome.NotAllowed
            : SignInOutcome.Failed;

        var actor = new AuditActor(user?.Id, userName);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        switch (outcome)
        {
            case SignInOutcome.Succeeded:
                db.RecordEvent(AuditAction.LoginSucceeded, Subject, user?.Id, actor: actor);
                break;
            case SignInOutcome.LockedOut when !wasLockedOut:
                db.RecordEvent(AuditAction.LoginFailed, Subject, user?.Id, new { reason = "WrongPassword" }, actor);
                db.RecordEvent(AuditAction.LockedOut, Subject, user?.Id, new { until = user?.LockoutEnd?.UtcDateTime }, actor);
                break;
            default:
                db.RecordEvent(AuditAction.LoginFailed, Subject, user?.Id, new { reason = user is null ? "UnknownUser" : outcome.ToString() }, actor);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }
}

/// <summary>Signs the current user out and records it.</summary>
public sealed class SignOutHandler(
    SignInManager<ApplicationUser> signInManager,
    IDbContextFactory<ProcurementDbContext> dbFactory,
    Infrastructure.Security.ICurrentUser currentUser)
{
    public async Task HandleAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.IsAuthenticated)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.RecordEvent(AuditAction.Logout, SignInHandler.Subject, currentUser.UserId);
            await db.SaveChangesAsync(cancellationToken);
        }

        await signInManager.SignOutAsync();
    }
}
