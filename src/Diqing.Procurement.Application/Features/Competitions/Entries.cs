using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

public sealed record EntryRow(CompetitionEntry Entry, string AgencyName);

/// <summary>
/// Entries: written and submitted by agency users for their own agency; visible to their agency,
/// the bureau, and the judges assigned to them who declared no conflict with the agency.
/// </summary>
public sealed class EntriesHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<int> SaveAsync(int competitionId, int? entryId, EntryDetails details, CancellationToken cancellationToken = default)
    {
        var agencyId = OwnAgency();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionSetupHandler.LoadAsync(db, competitionId, cancellationToken);
        if (competition.Phase != CompetitionPhase.OpenForEntries)
        {
            throw new Domain.Common.DomainException("Entry.OutsideWindow");
        }

        CompetitionEntry entry;
        if (entryId is { } id)
        {
            entry = await db.CompetitionEntries.SingleOrDefaultAsync(e => e.Id == id && e.AgencyId == agencyId && e.CompetitionId == competitionId, cancellationToken)
                ?? throw new NotFoundException(nameof(CompetitionEntry), id);
            entry.Update(details);
        }
        else
        {
            entry = new CompetitionEntry(competitionId, agencyId, details);
            db.CompetitionEntries.Add(entry);
        }

        await db.SaveChangesAsync(cancellationToken);
        return entry.Id;
    }

    public async Task SubmitAsync(int entryId, CancellationToken cancellationToken = default)
    {
        var agencyId = OwnAgency();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.CompetitionEntries.SingleOrDefaultAsync(e => e.Id == entryId && e.AgencyId == agencyId, cancellationToken)
            ?? throw new NotFoundException(nameof(CompetitionEntry), entryId);
        var competition = await CompetitionSetupHandler.LoadAsync(db, entry.CompetitionId, cancellationToken);
        var agency = await db.Agencies.SingleAsync(a => a.Id == agencyId, cancellationToken);
        entry.Submit(competition, agency, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<CompetitionEntry> GetAsync(int entryId, CancellationToken cancellationToken = default) =>
        (await QueryAsync(q => q.Where(e => e.Id == entryId), cancellationToken)).SingleOrDefault()
        ?? throw new NotFoundException(nameof(CompetitionEntry), entryId);

    public Task<IReadOnlyList<CompetitionEntry>> ListAsync(int competitionId, CancellationToken cancellationToken = default) =>
        QueryAsync(q => q.Where(e => e.CompetitionId == competitionId).OrderBy(e => e.Id), cancellationToken);

    /// <summary>The entries the user may see, each with its agency's name.</summary>
    public async Task<IReadOnlyList<EntryRow>> ListWithAgenciesAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        var entries = await ListAsync(competitionId, cancellationToken);
        var agencyIds = entries.Select(e => e.AgencyId).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return entries.Select(e => new EntryRow(e, names[e.AgencyId])).ToList();
    }

    /// <summary>R-01 and R-19 on the read path: agencies see their own entries; judges only assigned, unconflicted ones.</summary>
    private async Task<IReadOnlyList<CompetitionEntry>> QueryAsync(
        Func<IQueryable<CompetitionEntry>, IQueryable<CompetitionEntry>> filter, CancellationToken cancellationToken)
    {
        currentUser.DemandAny(CompetitionAccess.Everyone);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.CompetitionEntries.AsNoTracking();
        if (CompetitionAccess.Bureau.Split(',').Any(currentUser.IsInRole))
        {
            return await filter(entries).ToListAsync(cancellationToken);
        }

        if (currentUser.IsInRole(Roles.AgencyUser))
        {
            var own = currentUser.AgencyId ?? -1;
            return await filter(entries.Where(e => e.AgencyId == own)).ToListAsync(cancellationToken);
        }

        var judgeId = currentUser.UserId ?? string.Empty;
        var declarations = await db.ConflictDeclarations.AsNoTracking().Where(d => d.JudgeId == judgeId).ToListAsync(cancellationToken);
        var assigned = await filter(entries.Where(e => db.JudgeAssignments.Any(a => a.EntryId == e.Id && a.JudgeId == judgeId))).ToListAsync(cancellationToken);

        // Before declaring conflicts a judge sees no entry at all.
        return assigned.Where(e => declarations.Any(d => d.CompetitionId == e.CompetitionId)
            && !declarations.Any(d => d.CompetitionId == e.CompetitionId && d.ConflictsWith(e.AgencyId))).ToList();
    }

    private int OwnAgency()
    {
        currentUser.Demand(Roles.AgencyUser);
        return currentUser.AgencyId ?? throw new ForbiddenAccessException();
    }
}
