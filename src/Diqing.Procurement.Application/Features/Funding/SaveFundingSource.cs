using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Funding;

/// <summary>Creates (Id null) or edits a funding source.</summary>
public sealed class SaveFundingSourceCommand
{
    public int? Id { get; set; }

    /// <summary>The version the user edited; a save over someone else's change is refused.</summary>
    public long? Version { get; set; }

    public string Name { get; set; } = string.Empty;

    public FundingKind? Kind { get; set; }

    public FiscalLevel? FiscalLevel { get; set; }

    public string? Grantor { get; set; }

    public int FiscalYear { get; set; } = DateTime.UtcNow.Year;

    public string DocumentNumber { get; set; } = string.Empty;

    public decimal? Amount { get; set; }

    public DateTime? ReceivedOn { get; set; }

    public string? Notes { get; set; }

    public static SaveFundingSourceCommand From(FundingSourceDetail detail) => new()
    {
        Id = detail.Source.Id,
        Version = detail.Version,
        Name = detail.Source.Name,
        Kind = detail.Source.Kind,
        FiscalLevel = detail.Source.FiscalLevel,
        Grantor = detail.Source.Grantor,
        FiscalYear = detail.Source.FiscalYear,
        DocumentNumber = detail.Source.DocumentNumber,
        Amount = detail.Source.Amount,
        ReceivedOn = detail.ReceivedOn?.ToDateTime(TimeOnly.MinValue),
        Notes = detail.Notes,
    };
}

public sealed class SaveFundingSourceValidator : AbstractValidator<SaveFundingSourceCommand>
{
    public SaveFundingSourceValidator()
    {
        RuleFor(c => c.Name)
            .NotEmpty().WithMessage(_ => Messages.Get("Funding.NameRequired"))
            .MaximumLength(200).WithMessage(_ => Messages.Get("Common.TooLong", 200))
            .VisibleText();
        RuleFor(c => c.Kind).NotNull().WithMessage(_ => Messages.Get("Funding.KindRequired"));
        RuleFor(c => c.FiscalLevel).NotNull().When(c => c.Kind == FundingKind.Fiscal).WithMessage(_ => Messages.Get("Funding.LevelRequired"));
        RuleFor(c => c.Grantor).NotEmpty().When(c => c.Kind == FundingKind.ExternalGrant).WithMessage(_ => Messages.Get("Funding.GrantorRequired"));
        RuleFor(c => c.FiscalYear).InclusiveBetween(2000, 2100).WithMessage(_ => Messages.Get("Funding.YearInvalid"));
        RuleFor(c => c.DocumentNumber)
            .NotEmpty().WithMessage(_ => Messages.Get("Funding.DocumentNumberRequired"))
            .MaximumLength(100).WithMessage(_ => Messages.Get("Common.TooLong", 100));
        RuleFor(c => c.Amount)
            .NotNull().WithMessage(_ => Messages.Get("Funding.AmountInvalid"))
            .Must(a => a is null || Money.IsValidAmount(a.Value)).WithMessage(_ => Messages.Get("Funding.AmountInvalid"));
        RuleFor(c => c.Notes).MaximumLength(2000).WithMessage(_ => Messages.Get("Common.TooLong", 2000));
    }
}

public sealed class SaveFundingSourceHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory,
    ICurrentUser currentUser,
    IValidator<SaveFundingSourceCommand> validator)
{
    public async Task<int> HandleAsync(SaveFundingSourceCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(FundingAccess.Managers);
        await validator.ValidateAndThrowAsync(command, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        FundingSource source;
        if (command.Id is { } id)
        {
            source = await db.FundingSources.Include(f => f.Allocations).ThenInclude(a => a.Disbursements).AsSplitQuery()
                .SingleOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw new NotFoundException(nameof(FundingSource), id);
            if (command.Version is { } version && version != source.Version)
            {
                throw new DomainException("Funding.BalanceChanged");
            }

            source.Describe(command.Name, command.Kind!.Value, command.FiscalYear, command.DocumentNumber);
            if (source.Amount != command.Amount!.Value)
            {
                source.ChangeAmount(command.Amount.Value); // never below what is allocated
            }
        }
        else
        {
            source = new FundingSource(command.Name, command.Kind!.Value, command.FiscalYear, command.DocumentNumber, command.Amount!.Value);
            db.FundingSources.Add(source);
        }

        source.FiscalLevel = command.Kind == FundingKind.Fiscal ? command.FiscalLevel : null;
        source.Grantor = string.IsNullOrWhiteSpace(command.Grantor) ? null : command.Grantor.Trim();
        source.ReceivedOn = command.ReceivedOn is { } received ? DateOnly.FromDateTime(received) : null;
        source.Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
        await db.SaveOrRefuseAsync("Funding.BalanceChanged", cancellationToken);
        return source.Id;
    }
}
