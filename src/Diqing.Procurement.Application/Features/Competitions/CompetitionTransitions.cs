using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>The explicit, audited phase changes. Each precondition is checked by the competition itself.</summary>
public sealed class CompetitionTransitions(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public Task OpenAsync(int competitionId, CancellationToken cancellationToken = default) =>
        ChangeAsync(competitionId, CompetitionAction.Open, (_, c) => Run(c.OpenForEntries), cancellationToken);

    public Task StartJudgingAsync(int competitionId, CancellationToken cancellationToken = default) =>
        ChangeAsync(competitionId, CompetitionAction.StartJudging, (_, c) => Run(c.StartJudging), cancellationToken);

    /// <summary>
    /// refuses while judging is incomplete, naming what is missing, unless an early-publication reason is given;
    /// the reason is stored with the competition (and so in the audit log) and shown with the results.
    /// </summary>
    public Task PublishAsync(int competitionId, string? earlyReason, CancellationToken cancellationToken = default) =>
        ChangeAsync(competitionId, CompetitionAction.Publish, async (db, c) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var progress = await JudgingProgress.LoadAsync(db, c, now, cancellationToken);
            try
            {
                c.PublishResults(progress.Gaps, earlyReason, now);
            }
            catch (DomainException refused) when (refused.Code == "Competition.JudgingIncomplete")
            {
                // The competition knows the gaps by id; the organiser reads them by name.
                throw new DomainException(refused.Code, progress.Summary);
            }
        }, cancellationToken);

    public Task CloseAsync(int competitionId, CancellationToken cancellationToken = default) =>
        ChangeAsync(competitionId, CompetitionAction.Close, (_, c) => Run(c.Close), cancellationToken);

    private static Task Run(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    private async Task ChangeAsync(int competitionId, CompetitionAction action, Func<ProcurementDbContext, Competition, Task> change, CancellationToken cancellationToken)
    {
        currentUser.DemandAny(CompetitionAccess.RolesFor(action, CompetitionPhase.Draft));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionAccess.LoadAsync(db, competitionId, currentUser, cancellationToken);
        currentUser.Demand(competition, action);
        await change(db, competition);
        await db.SaveOrRefuseAsync("Error.Concurrency", cancellationToken);
    }
}
