using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>R-18: the entry checks the window, the cap, its budget, the eligible groups and that its agency is active.</summary>
public sealed class SubmitEntryHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task HandleAsync(int entryId, CancellationToken cancellationToken = default)
    {
        var agencyId = CompetitionAccess.OwnAgency(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await CompetitionAccess.OwnEntryAsync(db, currentUser, entryId, cancellationToken);
        var competition = await CompetitionAccess.LoadAsync(db, entry.CompetitionId, currentUser, cancellationToken);
        currentUser.Demand(competition, CompetitionAction.Enter);
        var agency = await db.Agencies.SingleAsync(a => a.Id == agencyId, cancellationToken);
        entry.Submit(competition, agency, clock.GetUtcNow().UtcDateTime);
        await db.SaveOrRefuseAsync("Error.Concurrency", cancellationToken);
    }
}
