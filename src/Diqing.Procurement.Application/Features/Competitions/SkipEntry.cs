using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

public sealed record SkipEntryCommand(int EntryId, string Reason);

/// <summary>R-23: the best-ranked undecided entry is not funded, with a reason; the next decision is then about the one after it.</summary>
public sealed class SkipEntryHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task HandleAsync(SkipEntryCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.RolesFor(CompetitionAction.Award, CompetitionPhase.ResultsPublished));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.CompetitionEntries.SingleOrDefaultAsync(e => e.Id == command.EntryId, cancellationToken)
            ?? throw new NotFoundException(nameof(CompetitionEntry), command.EntryId);
        var competition = await CompetitionAccess.LoadAsync(db, entry.CompetitionId, currentUser, cancellationToken);
        currentUser.Demand(competition, CompetitionAction.Award);
        (await CompetitionRanking.RankAsync(db, competition, withNormalized: false, cancellationToken)).Awards().RequireSkip(command.EntryId);
        entry.Skip(command.Reason);
        await db.SaveOrRefuseAsync("Error.Concurrency", cancellationToken);
    }
}
