using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <param name="CanEdit">The user may change this entry now (<see cref="SaveEntryHandler"/>).</param>
/// <param name="CanSubmit">The user may submit this entry now (<see cref="SubmitEntryHandler"/>; completeness is checked then).</param>
public sealed record EntryRow(
    int Id, string Title, int AgencyId, string AgencyName, IReadOnlyList<TargetGroup> TargetGroups, decimal RequestedAmount,
    EntryStatus Status, DateTime? SubmittedAtUtc, bool CanEdit, bool CanSubmit);

/// <param name="CanCreate">The user may write a new entry now (an agency user, the competition open and inside its window).</param>
public sealed record EntryList(IReadOnlyList<EntryRow> Rows, bool CanCreate);

/// <summary>A competition's entries as the user may see them: the bureau all, an agency its own .</summary>
public sealed class ListEntriesHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<EntryList> HandleAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.EntryReaders);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionAccess.LoadAsync(db, competitionId, currentUser, cancellationToken);
        currentUser.Demand(competition, CompetitionAction.ViewEntries);
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = await CompetitionAccess.VisibleEntriesAsync(db, currentUser, q => q.Where(e => e.CompetitionId == competitionId).OrderBy(e => e.Id), cancellationToken);
        var agencyIds = entries.Select(e => e.AgencyId).Distinct().ToList();
        var names = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var rows = entries.Select(e =>
        {
            var mayChange = currentUser.MayChange(competition, e, now);
            return new EntryRow(e.Id, e.Title, e.AgencyId, names[e.AgencyId], e.TargetGroups, e.RequestedAmount, e.Status, e.SubmittedAtUtc, mayChange, mayChange);
        }).ToList();
        return new EntryList(rows, CompetitionAccess.ActionsFor(competition, currentUser, now).CanEnter);
    }
}
