using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

public sealed class BudgetLineInput
{
    public string Item { get; set; } = string.Empty;

    public decimal Amount { get; set; }
}

/// <summary>An agency's entry as its form edits it: a new one (EntryId null) or its own draft.</summary>
public sealed class SaveEntryCommand
{
    public int CompetitionId { get; set; }

    public int? EntryId { get; set; }

    public string Title { get; set; } = string.Empty;

    public IReadOnlyCollection<TargetGroup> TargetGroups { get; set; } = [];

    public string? Problem { get; set; }

    public string? Plan { get; set; }

    public string? ExpectedOutcomes { get; set; }

    public decimal RequestedAmount { get; set; }

    public List<BudgetLineInput> BudgetLines { get; set; } = [new()];

    public decimal BudgetTotal => BudgetLines.Sum(l => l.Amount);

    public bool BudgetAddsUp => CompetitionEntry.BudgetAddsUp(BudgetLines.Select(l => l.Amount).ToList(), RequestedAmount);

    internal EntryDetails Details() => new(Title, TargetGroups.ToList(), Problem, Plan, ExpectedOutcomes, RequestedAmount,
        BudgetLines.Select(l => new BudgetLine(l.Item, l.Amount)).ToList());
}

public sealed class SaveEntryValidator : AbstractValidator<SaveEntryCommand>
{
    public SaveEntryValidator()
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage(_ => Messages.Get("Contract.TitleRequired"))
            .MaximumLength(200).WithMessage(_ => Messages.Get("Common.TooLong", 200));
        RuleFor(c => c.Problem).MaximumLength(4000).WithMessage(_ => Messages.Get("Common.TooLong", 4000));
        RuleFor(c => c.Plan).MaximumLength(8000).WithMessage(_ => Messages.Get("Common.TooLong", 8000));
        RuleFor(c => c.ExpectedOutcomes).MaximumLength(4000).WithMessage(_ => Messages.Get("Common.TooLong", 4000));
        RuleFor(c => c.RequestedAmount).Must(a => a > 0m && Money.IsValidAmount(a)).WithMessage(_ => Messages.Get("Entry.AmountInvalid"));
        RuleForEach(c => c.BudgetLines).ChildRules(l =>
        {
            l.RuleFor(x => x.Item).NotEmpty().WithMessage(_ => Messages.Get("Entry.BudgetLineInvalid"))
                .MaximumLength(200).WithMessage(_ => Messages.Get("Common.TooLong", 200));
            l.RuleFor(x => x.Amount).Must(Money.IsValidAmount).WithMessage(_ => Messages.Get("Entry.BudgetLineInvalid"));
        });
    }
}

/// <summary>Writes an agency's entry while the competition takes entries (phase and window, R-18); submitted entries are read-only.</summary>
public sealed class SaveEntryHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock, IValidator<SaveEntryCommand> validator)
{
    public async Task<int> HandleAsync(SaveEntryCommand command, CancellationToken cancellationToken = default)
    {
        var agencyId = CompetitionAccess.OwnAgency(currentUser);
        await validator.ValidateAndThrowAsync(command, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionAccess.LoadAsync(db, command.CompetitionId, currentUser, cancellationToken);
        currentUser.Demand(competition, CompetitionAction.Enter);
        competition.EnsureAcceptsEntries(clock.GetUtcNow().UtcDateTime);

        CompetitionEntry entry;
        if (command.EntryId is { } id)
        {
            entry = await CompetitionAccess.OwnEntryAsync(db, currentUser, id, cancellationToken);
            if (entry.CompetitionId != competition.Id)
            {
                throw new NotFoundException(nameof(CompetitionEntry), id);
            }

            entry.Update(command.Details());
        }
        else
        {
            entry = new CompetitionEntry(competition.Id, agencyId, command.Details());
            db.CompetitionEntries.Add(entry);
        }

        await db.SaveOrRefuseAsync("Error.Concurrency", cancellationToken);
        return entry.Id;
    }
}
