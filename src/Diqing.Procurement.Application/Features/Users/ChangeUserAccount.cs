using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.Infrastructure.Security;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Diqing.Procurement.Application.Features.Users;

public sealed class ResetPasswordCommand
{
    public string UserId { get; set; } = string.Empty;

    public string NewPassword { get; set; } = string.Empty;
}

public sealed class ResetPasswordValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordValidator(IOptions<IdentityOptions> identityOptions) =>
        RuleFor(c => c.NewPassword).SetValidator(new PasswordPolicyValidator<ResetPasswordCommand>(identityOptions.Value.Password));
}

/// <summary>Lock, unlock, reset password, deactivate and reactivate accounts (Administrator only).</summary>
public sealed class ChangeUserAccountHandler(
    OperationScopeFactory scopes,
    ICurrentUser currentUser,
    IValidator<ResetPasswordCommand> resetValidator,
    UserSessions sessions)
{
    public Task LockAsync(string userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, removesAdministrator: true, async (users, user) =>
        {
            IdentityChecks.ThrowIfFailed(await users.SetLockoutEnabledAsync(user, true));
            IdentityChecks.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
            await sessions.EndAllAsync(user.Id, SessionEndReason.AccountLocked, cancellationToken);
        }, cancellationToken);

    public Task UnlockAsync(string userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, removesAdministrator: false, async (users, user) =>
        {
            IdentityChecks.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null));
            IdentityChecks.ThrowIfFailed(await users.ResetAccessFailedCountAsync(user));
        }, cancellationToken);

    public Task DeactivateAsync(string userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, removesAdministrator: true, async (users, user) =>
        {
            user.IsDeactivated = true;
            IdentityChecks.ThrowIfFailed(await users.UpdateAsync(user));
            // Ended on the server: the next request or circuit check refuses them (the new stamp too).
            IdentityChecks.ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
            await sessions.EndAllAsync(user.Id, SessionEndReason.AccountDeactivated, cancellationToken);
        }, cancellationToken);

    public Task ReactivateAsync(string userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, removesAdministrator: false, async (users, user) =>
        {
            user.IsDeactivated = false;
            IdentityChecks.ThrowIfFailed(await users.UpdateAsync(user));
        }, cancellationToken);

    public async Task ResetPasswordAsync(ResetPasswordCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.Demand(Roles.Administrator);
        await resetValidator.ValidateAndThrowAsync(command, cancellationToken);
        await ChangeAsync(command.UserId, removesAdministrator: false, async (users, user) =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            IdentityChecks.ThrowIfFailed(await users.ResetPasswordAsync(user, token, command.NewPassword));
            await sessions.EndAllAsync(user.Id, SessionEndReason.PasswordReset, cancellationToken);
        }, cancellationToken);
    }

    private async Task ChangeAsync(
        string userId,
        bool removesAdministrator,
        Func<UserManager<ApplicationUser>, ApplicationUser, Task> change,
        CancellationToken cancellationToken)
    {
        currentUser.Demand(Roles.Administrator);
        await using var scope = scopes.Create();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("User", userId);

        if (removesAdministrator && await users.IsInRoleAsync(user, Roles.Administrator))
        {
            var now = DateTimeOffset.UtcNow;
            var otherActiveAdministrators = (await users.GetUsersInRoleAsync(Roles.Administrator))
                .Count(u => u.Id != user.Id && !u.IsDeactivated && (u.LockoutEnd is null || u.LockoutEnd <= now));
            if (otherActiveAdministrators == 0)
            {
                throw new DomainException("User.LastAdministrator");
            }
        }

        await change(users, user);
    }
}
