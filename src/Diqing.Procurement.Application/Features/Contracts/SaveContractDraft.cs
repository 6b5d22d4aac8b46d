using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

public sealed class IndicatorInput
{
    public string Name { get; set; } = string.Empty;

    public string Unit { get; set; } = string.Empty;

    public decimal? Target { get; set; }
}

/// <summary>Creates a draft contract (Id null, a number is issued) or edits a draft.</summary>
public sealed class SaveContractDraftCommand
{
    public int? Id { get; set; }

    public long? Version { get; set; }

    public string Title { get; set; } = string.Empty;

    public string PurchasingUnit { get; set; } = "迪庆州民政局";

    public int? AgencyId { get; set; }

    public ProcurementMethod? Method { get; set; }

    public ServiceCategory? Category { get; set; }

    public IEnumerable<TargetGroup> TargetGroups { get; set; } = [];

    public County? County { get; set; }

    public string? Townships { get; set; }

    public decimal? Amount { get; set; }

    public DateTime? StartOn { get; set; }

    public DateTime? EndOn { get; set; }

    public string? TermJustification { get; set; }

    public string? Description { get; set; }

    public List<IndicatorInput> Indicators { get; set; } = [];
}

public sealed class SaveContractDraftValidator : AbstractValidator<SaveContractDraftCommand>
{
    public SaveContractDraftValidator()
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage(_ => Messages.Get("Contract.TitleRequired"))
            .MaximumLength(200).WithMessage(_ => Messages.Get("Common.TooLong", 200))
            .VisibleText();
        RuleFor(c => c.PurchasingUnit).NotEmpty().WithMessage(_ => Messages.Get("Contract.PurchasingUnitRequired"));
        RuleFor(c => c.AgencyId).NotNull().WithMessage(_ => Messages.Get("Contract.AgencyRequired"));
        RuleFor(c => c.Method).NotNull().WithMessage(_ => Messages.Get("Contract.MethodRequired"));
        RuleFor(c => c.Category).NotNull().WithMessage(_ => Messages.Get("Contract.CategoryRequired"));
        RuleFor(c => c.TargetGroups).NotEmpty().WithMessage(_ => Messages.Get("Contract.TargetGroupsRequired"));
        RuleFor(c => c.County).NotNull().WithMessage(_ => Messages.Get("Agency.CountyRequired"));
        RuleFor(c => c.Amount).NotNull().WithMessage(_ => Messages.Get("Contract.AmountInvalid"))
            .Must(a => a is null || Money.IsValidAmount(a.Value)).WithMessage(_ => Messages.Get("Contract.AmountInvalid"));
        RuleFor(c => c.StartOn).NotNull().WithMessage(_ => Messages.Get("Contract.DatesRequired"));
        RuleFor(c => c.EndOn).NotNull().WithMessage(_ => Messages.Get("Contract.DatesRequired"));
        RuleFor(c => c.EndOn).Custom((_, context) =>
        {
            // R-09 is the domain's rule; the form shows it on the end date.
            var command = context.InstanceToValidate;
            if (command.StartOn is { } start && command.EndOn is { } end)
            {
                try
                {
                    ContractTerm.Validate(DateOnly.FromDateTime(start), DateOnly.FromDateTime(end), command.TermJustification);
                }
                catch (DomainException ex)
                {
                    context.AddFailure(Messages.Get(ex.Code));
                }
            }
        });
        RuleForEach(c => c.Indicators).ChildRules(i =>
        {
            i.RuleFor(x => x.Name).NotEmpty().WithMessage(_ => Messages.Get("Contract.IndicatorInvalid")).VisibleText();
            i.RuleFor(x => x.Unit).NotEmpty().WithMessage(_ => Messages.Get("Contract.IndicatorInvalid"));
            i.RuleFor(x => x.Target).NotNull().WithMessage(_ => Messages.Get("Contract.IndicatorInvalid"))
                .GreaterThan(0m).WithMessage(_ => Messages.Get("Contract.IndicatorInvalid"));
        });
    }
}

/// <summary>The edit form of a draft starts from the command that saves it, filled from what the contract holds.</summary>
public sealed class GetContractDraftHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    /// <exception cref="DomainException">Contract.OnlyDraftsEditable once the contract is signed.</exception>
    public async Task<SaveContractDraftCommand> HandleAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ContractAccess.Editors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await db.Contracts.AsNoTracking().Visible(currentUser).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(PurchaseContract), id);
        if (!contract.Allows(ContractAction.EditDraft))
        {
            throw new DomainException("Contract.OnlyDraftsEditable");
        }

        return new SaveContractDraftCommand
        {
            Id = contract.Id,
            Version = contract.Version,
            Title = contract.Title,
            PurchasingUnit = contract.PurchasingUnit,
            AgencyId = contract.AgencyId,
            Method = contract.Method,
            Category = contract.Category,
            TargetGroups = contract.TargetGroups.ToList(),
            County = contract.County,
            Townships = contract.Townships,
            Amount = contract.Amount,
            StartOn = contract.StartOn.ToDateTime(TimeOnly.MinValue),
            EndOn = contract.EndOn.ToDateTime(TimeOnly.MinValue),
            TermJustification = contract.TermJustification,
            Description = contract.Description,
            Indicators = contract.Indicators.Select(i => new IndicatorInput { Name = i.Name, Unit = i.Unit, Target = i.Target }).ToList(),
        };
    }
}

public sealed class SaveContractDraftHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory,
    ICurrentUser currentUser,
    IValidator<SaveContractDraftCommand> validator,
    TimeProvider clock)
{
    private const int NumberAttempts = 10;

    public async Task<int> HandleAsync(SaveContractDraftCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ContractAccess.Editors);
        await validator.ValidateAndThrowAsync(command, cancellationToken);
        var details = ToDetails(command);
        var indicators = command.Indicators.Select(i => new PerformanceIndicator(i.Name, i.Unit, i.Target!.Value)).ToList();

        if (command.Id is { } id)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var contract = await ContractAccess.LoadForChangeAsync(db, id, currentUser, cancellationToken);
            if (command.Version is { } version && version != contract.Version)
            {
                throw new DomainException("Contract.ChangedByOthers");
            }

            await RequireAgencyAsync(db, details.AgencyId, cancellationToken);
            contract.UpdateDraft(details);
            contract.SetIndicators(indicators);
            await db.SaveOrRefuseAsync("Contract.ChangedByOthers", cancellationToken);
            return contract.Id;
        }

        // the year's sequence row is locked before it is read, so drafts created at once (on any instance) queue
        // for their numbers; its concurrency token stays the guard. The row is made first, in a save of its own: a lock
        // on a row that does not exist yet holds nothing, and a draft that then found the row committed by another would
        // update it unlocked while holding the audit chain's lock — a deadlock with the draft that holds the row's lock.
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var year = ChinaTime.DateOf(now).Year;
            await EnsureNumberSequenceAsync(year, cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await RequireAgencyAsync(db, details.AgencyId, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.LockForUpdateAsync<ContractNumberSequence>(year, cancellationToken);
            var sequence = await db.ContractNumberSequences.SingleOrDefaultAsync(s => s.Year == year, cancellationToken);
            if (sequence is null)
            {
                sequence = new ContractNumberSequence(year);
                db.ContractNumberSequences.Add(sequence);
            }

            var next = sequence.Next();
            var contract = new PurchaseContract(PurchaseContract.FormatNumber(year, next), year, next, details, now);
            contract.SetIndicators(indicators);
            db.Contracts.Add(contract);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return contract.Id;
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                // Another contract took this number (concurrency token or unique index); try the next one.
            }
        }
    }

    /// <summary>
    /// On a server database, the year's number sequence exists once this returns (made here, or by another draft at the
    /// same time). SQLite needs nothing: it has no row locks and lets one writer at a time, and a save here, outside the
    /// drafts' transactions, would wait for them while holding the process's audit gate they wait for.
    /// </summary>
    private async Task EnsureNumberSequenceAsync(int year, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite"
            || await db.ContractNumberSequences.AnyAsync(s => s.Year == year, cancellationToken))
        {
            return;
        }

        db.ContractNumberSequences.Add(new ContractNumberSequence(year));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another draft made the year's row first: it is there now.
        }
    }

    internal static ContractDetails ToDetails(SaveContractDraftCommand c) => new(
        c.Title, c.PurchasingUnit, c.AgencyId!.Value, c.Method!.Value, c.Category!.Value, c.TargetGroups.ToList(), c.County!.Value,
        c.Townships, c.Amount!.Value, DateOnly.FromDateTime(c.StartOn!.Value), DateOnly.FromDateTime(c.EndOn!.Value), c.TermJustification, c.Description);

    private static async Task RequireAgencyAsync(ProcurementDbContext db, int agencyId, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId, cancellationToken)
            ?? throw new DomainException("User.AgencyNotFound");
        if (!agency.IsActive)
        {
            throw new DomainException("Agency.Suspended");
        }
    }
}
