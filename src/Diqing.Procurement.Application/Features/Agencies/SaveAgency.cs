using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Agencies;

/// <summary>Creates (Id null) or edits an agency's registration and contact data.</summary>
public sealed class SaveAgencyCommand
{
    public int? Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string UnifiedSocialCreditCode { get; set; } = string.Empty;

    public string? LegalRepresentative { get; set; }

    public string? RegistrationAuthority { get; set; }

    public County? County { get; set; }

    public string? Address { get; set; }

    public string? ContactPerson { get; set; }

    public string? Phone { get; set; }

    public static SaveAgencyCommand From(AgencyDetail agency) => new()
    {
        Id = agency.Id,
        Name = agency.Name,
        UnifiedSocialCreditCode = agency.UnifiedSocialCreditCode,
        LegalRepresentative = agency.LegalRepresentative,
        RegistrationAuthority = agency.RegistrationAuthority,
        County = agency.County,
        Address = agency.Address,
        ContactPerson = agency.ContactPerson,
        Phone = agency.Phone,
    };
}

public sealed class SaveAgencyValidator : AbstractValidator<SaveAgencyCommand>
{
    /// <summary>Mainland mobile numbers, or landlines with area code (e.g. 0887-8228002).</summary>
    public const string PhonePattern = @"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$";

    public SaveAgencyValidator()
    {
        RuleFor(c => c.Name)
            .NotEmpty().WithMessage(_ => Messages.Get("Agency.NameRequired"))
            .MaximumLength(200).WithMessage(_ => Messages.Get("Common.TooLong", 200))
            .VisibleText();
        RuleFor(c => c.UnifiedSocialCreditCode).Custom((code, context) =>
        {
            // The rule itself is the domain's (R-03); this only says it in the user's language.
            if (Domain.Agencies.UnifiedSocialCreditCode.Validate(code) is { } problem)
            {
                context.AddFailure(Messages.Get("Uscc." + problem.Problem, problem.Position));
            }
        });
        RuleFor(c => c.County).NotNull().WithMessage(_ => Messages.Get("Agency.CountyRequired"));
        RuleFor(c => c.ContactPerson)
            .NotEmpty().WithMessage(_ => Messages.Get("Agency.ContactRequired"))
            .MaximumLength(100).WithMessage(_ => Messages.Get("Common.TooLong", 100));
        RuleFor(c => c.Phone)
            .NotEmpty().WithMessage(_ => Messages.Get("Agency.PhoneRequired"))
            .Matches(PhonePattern).WithMessage(_ => Messages.Get("Agency.PhoneInvalid"));
        RuleFor(c => c.Address).MaximumLength(300).WithMessage(_ => Messages.Get("Common.TooLong", 300));
        RuleFor(c => c.LegalRepresentative).MaximumLength(100).WithMessage(_ => Messages.Get("Common.TooLong", 100));
        RuleFor(c => c.RegistrationAuthority).MaximumLength(200).WithMessage(_ => Messages.Get("Common.TooLong", 200));
    }
}

public sealed class SaveAgencyHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory,
    ICurrentUser currentUser,
    IValidator<SaveAgencyCommand> validator)
{
    public async Task<int> HandleAsync(SaveAgencyCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(AgencyAccess.Editors);
        await validator.ValidateAndThrowAsync(command, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var code = Domain.Agencies.UnifiedSocialCreditCode.Normalize(command.UnifiedSocialCreditCode);
        if (await db.Agencies.AnyAsync(a => a.UnifiedSocialCreditCode == code && a.Id != (command.Id ?? 0), cancellationToken))
        {
            throw new DomainException("Agency.UsccTaken", code); // R-04
        }

        Agency agency;
        if (command.Id is { } id)
        {
            agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException(nameof(Agency), id);
            agency.Register(command.Name, code, command.County!.Value);
        }
        else
        {
            agency = new Agency(command.Name, code, command.County!.Value);
            db.Agencies.Add(agency);
        }

        agency.LegalRepresentative = Clean(command.LegalRepresentative);
        agency.RegistrationAuthority = Clean(command.RegistrationAuthority);
        agency.Address = Clean(command.Address);
        agency.ContactPerson = Clean(command.ContactPerson);
        agency.Phone = Clean(command.Phone);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone saved the same code between our check and our save: the unique index refused it.
            if (await CodeTakenAsync(code, command.Id ?? 0, cancellationToken))
            {
                throw new DomainException("Agency.UsccTaken", code);
            }

            throw;
        }

        return agency.Id;
    }

    private async Task<bool> CodeTakenAsync(string code, int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Agencies.AnyAsync(a => a.UnifiedSocialCreditCode == code && a.Id != id, cancellationToken);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
