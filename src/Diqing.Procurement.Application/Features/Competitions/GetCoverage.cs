using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

public sealed record CoverageRow(int EntryId, string Title, int AgencyId, string AgencyName, int AssignedJudges, int SubmittedSheets, bool UnderCovered);

/// <param name="CanAssign">The user may run the assignment now (<see cref="AssignJudgesHandler"/>).</param>
public sealed record CoverageView(IReadOnlyList<CoverageRow> Rows, int JudgesPerEntry, bool CanAssign);

/// <summary>For the organisers: how many judges each submitted entry has and how many sheets are in.</summary>
public sealed class GetCoverageHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<CoverageView> HandleAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.RolesFor(CompetitionAction.ViewCoverage, CompetitionPhase.Judging));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionAccess.LoadAsync(db, competitionId, currentUser, cancellationToken);
        currentUser.Demand(competition, CompetitionAction.ViewCoverage);
        return await ViewAsync(db, competition, currentUser, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    internal static async Task<CoverageView> ViewAsync(ProcurementDbContext db, Competition competition, ICurrentUser user, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var rows = await db.CompetitionEntries.AsNoTracking()
            .Where(e => e.CompetitionId == competition.Id && e.Status == EntryStatus.Submitted)
            .OrderBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Title, e.AgencyId,
                AgencyName = db.Agencies.Where(a => a.Id == e.AgencyId).Select(a => a.Name).First(),
                Assigned = db.JudgeAssignments.Count(a => a.EntryId == e.Id),
                Submitted = db.ScoreSheets.Count(s => s.EntryId == e.Id && s.Status == ScoreSheetStatus.Submitted),
            })
            .ToListAsync(cancellationToken);
        return new CoverageView(
            rows.Select(r => new CoverageRow(r.Id, r.Title, r.AgencyId, r.AgencyName, r.Assigned, r.Submitted, r.Assigned < competition.JudgesPerEntry)).ToList(),
            competition.JudgesPerEntry,
            CompetitionAccess.ActionsFor(competition, user, nowUtc).CanAssign);
    }
}
