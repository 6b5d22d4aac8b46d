using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

public sealed class CriterionInput
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public decimal MaxPoints { get; set; }
}

/// <summary>Creates (Id null) or edits a competition with its rubric. Windows are entered in China time and stored in UTC.</summary>
public sealed class SaveCompetitionCommand
{
    public int? Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public int Year { get; set; }

    public string Theme { get; set; } = string.Empty;

    public decimal BudgetPool { get; set; }

    public decimal CapPerEntry { get; set; }

    public IReadOnlyCollection<TargetGroup> EligibleGroups { get; set; } = [];

    public DateTime? SubmissionOpens { get; set; }

    public DateTime? SubmissionCloses { get; set; }

    public DateTime? JudgingOpens { get; set; }

    public DateTime? JudgingCloses { get; set; }

    /// <summary>Not edited on the form (no funding picker yet) but kept, so that saving does not unlink it.</summary>
    public int? FundingSourceId { get; set; }

    public int JudgesPerEntry { get; set; } = 3;

    public decimal SpreadThreshold { get; set; } = 20m;

    public bool ShowNormalizedRanking { get; set; }

    public List<CriterionInput> Criteria { get; set; } = [new()];

    public decimal RubricTotal => Criteria.Sum(c => c.MaxPoints);

    public bool RubricAddsUp => Competition.RubricAddsUp(Criteria.Select(c => c.MaxPoints));

    /// <summary>The rubric as the competition takes it; the order of the lines is the order of the criteria.</summary>
    public IReadOnlyList<CriterionPlan> Rubric() =>
        Criteria.Select(c => new CriterionPlan(c.Name.Trim(), string.IsNullOrWhiteSpace(c.Description) ? null : c.Description.Trim(), c.MaxPoints)).ToList();
}

public sealed class SaveCompetitionValidator : AbstractValidator<SaveCompetitionCommand>
{
    public SaveCompetitionValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage(_ => Messages.Get("Competition.NameRequired"))
            .MaximumLength(200).WithMessage(_ => Messages.Get("Common.TooLong", 200));
        RuleFor(c => c.Theme).MaximumLength(500).WithMessage(_ => Messages.Get("Common.TooLong", 500));
        RuleFor(c => c.SubmissionOpens).NotNull().WithMessage(_ => Messages.Get("Competition.WindowRequired"));
        RuleFor(c => c.SubmissionCloses).NotNull().WithMessage(_ => Messages.Get("Competition.WindowRequired"));
        RuleFor(c => c.JudgingOpens).NotNull().WithMessage(_ => Messages.Get("Competition.WindowRequired"));
        RuleFor(c => c.JudgingCloses).NotNull().WithMessage(_ => Messages.Get("Competition.WindowRequired"));
        RuleFor(c => c.JudgesPerEntry).InclusiveBetween(1, 15).WithMessage(_ => Messages.Get("Competition.JudgesPerEntryInvalid", 1, 15));
        RuleFor(c => c.SpreadThreshold).InclusiveBetween(0m, 100m).WithMessage(_ => Messages.Get("Competition.SpreadThresholdInvalid"));
        RuleForEach(c => c.Criteria).ChildRules(c =>
        {
            c.RuleFor(x => x.Name).MaximumLength(100).WithMessage(_ => Messages.Get("Common.TooLong", 100));
            c.RuleFor(x => x.Description).MaximumLength(500).WithMessage(_ => Messages.Get("Common.TooLong", 500));
        });
    }
}

/// <summary>
/// Saves the details and the rubric in one change: either both are stored or neither (the competition refuses a rubric
/// that does not add up to 100, and any change of it once entries exist).
/// </summary>
public sealed class SaveCompetitionHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory,
    ICurrentUser currentUser,
    IValidator<SaveCompetitionCommand> validator)
{
    public async Task<int> HandleAsync(SaveCompetitionCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.RolesFor(CompetitionAction.Edit, CompetitionPhase.Draft));
        await validator.ValidateAndThrowAsync(command, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (opens, closes) = (ChinaTime.ToUtc(command.SubmissionOpens!.Value), ChinaTime.ToUtc(command.SubmissionCloses!.Value));
        var (judgingOpens, judgingCloses) = (ChinaTime.ToUtc(command.JudgingOpens!.Value), ChinaTime.ToUtc(command.JudgingCloses!.Value));
        var rubric = command.Rubric();

        Competition competition;
        if (command.Id is { } id)
        {
            competition = await CompetitionAccess.LoadAsync(db, id, currentUser, cancellationToken);
            currentUser.Demand(competition, CompetitionAction.Edit);
            competition.Describe(command.Name, command.Year, command.Theme, command.BudgetPool, command.CapPerEntry, command.EligibleGroups,
                opens, closes, judgingOpens, judgingCloses);

            // An unchanged rubric is left alone: the competition refuses any rubric once entries exist.
            var stored = competition.Criteria.OrderBy(c => c.Order).Select(c => new CriterionPlan(c.Name, c.Description, c.MaxPoints));
            if (!stored.SequenceEqual(rubric))
            {
                competition.SetRubric(rubric, await db.CompetitionEntries.AnyAsync(e => e.CompetitionId == id, cancellationToken));
            }
        }
        else
        {
            competition = new Competition(command.Name, command.Year, command.Theme, command.BudgetPool, command.CapPerEntry, command.EligibleGroups,
                opens, closes, judgingOpens, judgingCloses);
            competition.SetRubric(rubric, hasEntries: false);
            db.Competitions.Add(competition);
        }

        competition.FundingSourceId = command.FundingSourceId;
        competition.JudgesPerEntry = command.JudgesPerEntry;
        competition.SpreadThreshold = command.SpreadThreshold;
        competition.ShowNormalizedRanking = command.ShowNormalizedRanking;
        await db.SaveOrRefuseAsync("Error.Concurrency", cancellationToken);
        return competition.Id;
    }
}
