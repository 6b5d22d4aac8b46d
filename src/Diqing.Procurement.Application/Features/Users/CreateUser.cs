using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Diqing.Procurement.Application.Features.Users;

public sealed class CreateUserCommand
{
    public string UserName { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    /// <summary>Required for, and only for, AgencyUsers.</summary>
    public int? AgencyId { get; set; }

    public string Password { get; set; } = string.Empty;
}

public sealed class CreateUserValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserValidator(IOptions<IdentityOptions> identityOptions)
    {
        RuleFor(c => c.UserName)
            .NotEmpty().WithMessage(_ => Messages.Get("User.UserNameRequired"))
            .Length(3, 50).WithMessage(_ => Messages.Get("User.UserNameLength", 3, 50))
            .Matches("^[A-Za-z0-9._-]+$").WithMessage(_ => Messages.Get("User.UserNameCharacters"));
        RuleFor(c => c.DisplayName)
            .NotEmpty().WithMessage(_ => Messages.Get("User.DisplayNameRequired"))
            .MaximumLength(100).WithMessage(_ => Messages.Get("User.DisplayNameLength", 100))
            .VisibleText();
        RuleFor(c => c.Role)
            .Must(Roles.IsKnown).WithMessage(_ => Messages.Get("User.RoleRequired"));
        RuleFor(c => c.AgencyId)
            .NotNull().When(c => c.Role == Roles.AgencyUser).WithMessage(_ => Messages.Get("User.AgencyRequired"));
        RuleFor(c => c.AgencyId)
            .Null().When(c => c.Role != Roles.AgencyUser).WithMessage(_ => Messages.Get("User.AgencyOnlyForAgencyUsers"));
        RuleFor(c => c.Password).SetValidator(new PasswordPolicyValidator<CreateUserCommand>(identityOptions.Value.Password));
    }
}

public sealed class CreateUserHandler(
    OperationScopeFactory scopes,
    ICurrentUser currentUser,
    IValidator<CreateUserCommand> validator,
    TimeProvider clock)
{
    public async Task<string> HandleAsync(CreateUserCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.Demand(Roles.Administrator);
        await validator.ValidateAndThrowAsync(command, cancellationToken);

        await using var scope = scopes.Create();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<ProcurementDbContext>();

        if (await users.FindByNameAsync(command.UserName.Trim()) is not null)
        {
            throw new DomainException("User.UserNameTaken", command.UserName.Trim());
        }

        if (command.AgencyId is { } agencyId && !await db.Agencies.AnyAsync(a => a.Id == agencyId, cancellationToken))
        {
            throw new DomainException("User.AgencyNotFound");
        }

        var user = new ApplicationUser
        {
            UserName = command.UserName.Trim(),
            DisplayName = command.DisplayName.Trim(),
            AgencyId = command.AgencyId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdentityChecks.ThrowIfFailed(await users.CreateAsync(user, command.Password));
        IdentityChecks.ThrowIfFailed(await users.AddToRoleAsync(user, command.Role));
        await transaction.CommitAsync(cancellationToken);
        return user.Id;
    }
}
