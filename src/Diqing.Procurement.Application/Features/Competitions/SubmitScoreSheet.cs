using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>
/// Saves the points on screen and submits the sheet in one change (R-20: every criterion scored; then locked, only an
/// administrator can reopen it). Irreversible, so the page confirms first.
/// </summary>
public sealed class SubmitScoreSheetHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock, IValidator<SaveScoreSheetCommand> validator)
{
    public async Task HandleAsync(SaveScoreSheetCommand command, CancellationToken cancellationToken = default)
    {
        CompetitionAccess.JudgeId(currentUser);
        await validator.ValidateAndThrowAsync(command, cancellationToken);
        await SaveScoreSheetHandler.ChangeAsync(dbFactory, currentUser, command.EntryId, (sheet, rubric) =>
        {
            sheet.Save(rubric, command.Scores);
            sheet.Submit(rubric, clock.GetUtcNow().UtcDateTime);
        }, cancellationToken);
    }
}
