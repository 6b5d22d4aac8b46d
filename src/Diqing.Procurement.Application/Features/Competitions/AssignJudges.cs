using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>R-19: assigns every panel judge who has declared, never to an entry of an agency they are in conflict with; returns the coverage.</summary>
public sealed class AssignJudgesHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<CoverageView> HandleAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.RolesFor(CompetitionAction.AssignJudges, CompetitionPhase.Judging));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionAccess.LoadAsync(db, competitionId, currentUser, cancellationToken);
        currentUser.Demand(competition, CompetitionAction.AssignJudges);
        var entries = await db.CompetitionEntries.Where(e => e.CompetitionId == competitionId && e.Status == EntryStatus.Submitted)
            .Select(e => new { e.Id, e.AgencyId }).ToListAsync(cancellationToken);
        var declarations = await db.ConflictDeclarations.Where(d => d.CompetitionId == competitionId).ToListAsync(cancellationToken);
        var judges = competition.JudgeIds.Where(j => declarations.Any(d => d.JudgeId == j)).ToList();
        var existing = await db.JudgeAssignments.Where(a => a.CompetitionId == competitionId).Select(a => new { a.EntryId, a.JudgeId }).ToListAsync(cancellationToken);

        var pairs = JudgeAssignmentPlanner.Plan(
            entries.Select(e => (e.Id, e.AgencyId)).ToList(), judges,
            declarations.ToDictionary(d => d.JudgeId, d => (IReadOnlySet<int>)d.AgencyIds.ToHashSet()),
            existing.Select(e => (e.EntryId, e.JudgeId)).ToList(), competition.JudgesPerEntry);
        db.JudgeAssignments.AddRange(pairs.Select(p => new JudgeAssignment(competitionId, p.EntryId, p.JudgeId)));
        await db.SaveChangesAsync(cancellationToken);
        return await GetCoverageHandler.ViewAsync(db, competition, currentUser, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}
