using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>The points (and comments) a judge gives an entry; criteria left out are not scored yet.</summary>
public sealed record SaveScoreSheetCommand(int EntryId, IReadOnlyList<CriterionScore> Scores);

public sealed class SaveScoreSheetValidator : AbstractValidator<SaveScoreSheetCommand>
{
    public SaveScoreSheetValidator() =>
        RuleForEach(c => c.Scores).ChildRules(s =>
            s.RuleFor(x => x.Comment).MaximumLength(1000).WithMessage(_ => Messages.Get("Common.TooLong", 1000)));
}

/// <summary>Saves a judge's draft sheet while the competition is being judged (R-20: within each criterion's maximum, not once submitted).</summary>
public sealed class SaveScoreSheetHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, IValidator<SaveScoreSheetCommand> validator)
{
    public async Task HandleAsync(SaveScoreSheetCommand command, CancellationToken cancellationToken = default)
    {
        CompetitionAccess.JudgeId(currentUser);
        await validator.ValidateAndThrowAsync(command, cancellationToken);
        await ChangeAsync(dbFactory, currentUser, command.EntryId, (sheet, rubric) => sheet.Save(rubric, command.Scores), cancellationToken);
    }

    /// <summary>Loads (or starts) the judge's sheet of an assigned, unconflicted entry and changes it, while the phase allows scoring.</summary>
    internal static async Task ChangeAsync(
        IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser user, int entryId, Action<ScoreSheet, IReadOnlyList<RubricCriterion>> change, CancellationToken cancellationToken)
    {
        var judgeId = CompetitionAccess.JudgeId(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await CompetitionAccess.VisibleEntryAsync(db, user, entryId, cancellationToken);
        var competition = await db.Competitions.Include(c => c.Criteria).SingleAsync(c => c.Id == entry.CompetitionId, cancellationToken);
        user.Demand(competition, CompetitionAction.Score);
        var sheet = await db.ScoreSheets.SingleOrDefaultAsync(s => s.EntryId == entryId && s.JudgeId == judgeId, cancellationToken);
        if (sheet is null)
        {
            sheet = new ScoreSheet(entry.CompetitionId, entryId, judgeId);
            db.ScoreSheets.Add(sheet);
        }

        change(sheet, competition.Criteria);
        await db.SaveOrRefuseAsync("Error.Concurrency", cancellationToken);
    }
}
