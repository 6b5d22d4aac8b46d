using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

public sealed record CoverageRow(int EntryId, string Title, int AgencyId, string AgencyName, int AssignedJudges, int SubmittedSheets, bool UnderCovered);

/// <summary>Conflict declarations, conflict-free assignment, and score sheets .</summary>
public sealed class JudgingHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task DeclareConflictsAsync(int competitionId, IReadOnlyList<int> agencyIds, CancellationToken cancellationToken = default)
    {
        var judgeId = Judge();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionSetupHandler.LoadAsync(db, competitionId, cancellationToken);
        if (!competition.IsJudge(judgeId))
        {
            throw new NotFoundException(nameof(Competition), competitionId);
        }

        if (await db.ConflictDeclarations.AnyAsync(d => d.CompetitionId == competitionId && d.JudgeId == judgeId, cancellationToken))
        {
            throw new DomainException("Judging.AlreadyDeclared");
        }

        // A conflict can only be with an agency competing here (the choices the judge is shown); anything else is refused, not stored.
        var declared = agencyIds.Distinct().ToList();
        var competing = await db.CompetitionEntries
            .Where(e => e.CompetitionId == competitionId && e.Status == EntryStatus.Submitted && declared.Contains(e.AgencyId))
            .Select(e => e.AgencyId).Distinct().CountAsync(cancellationToken);
        if (competing != declared.Count)
        {
            throw new DomainException("Judging.ConflictAgencyNotCompeting");
        }

        db.ConflictDeclarations.Add(new ConflictDeclaration(competitionId, judgeId, declared, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Assigns every panel judge who has declared, skipping conflicted pairs; returns the coverage.</summary>
    public async Task<IReadOnlyList<CoverageRow>> AssignAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.Organizers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionSetupHandler.LoadAsync(db, competitionId, cancellationToken);
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
        return await CoverageAsync(db, competition, cancellationToken);
    }

    public async Task<IReadOnlyList<CoverageRow>> CoverageAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.Organizers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CoverageAsync(db, await CompetitionSetupHandler.LoadAsync(db, competitionId, cancellationToken), cancellationToken);
    }

    /// <summary>The judge's own sheet for an assigned, unconflicted entry; created as a draft on first open.</summary>
    public async Task<ScoreSheet> OpenSheetAsync(int entryId, CancellationToken cancellationToken = default)
    {
        var judgeId = Judge();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await RequireAssignedAsync(db, entryId, judgeId, cancellationToken);
        var sheet = await db.ScoreSheets.SingleOrDefaultAsync(s => s.EntryId == entryId && s.JudgeId == judgeId, cancellationToken);
        if (sheet is null)
        {
            sheet = new ScoreSheet(entry.CompetitionId, entryId, judgeId);
            db.ScoreSheets.Add(sheet);
            await db.SaveChangesAsync(cancellationToken);
        }

        return sheet;
    }

    public Task SaveSheetAsync(int entryId, IReadOnlyList<CriterionScore> scores, CancellationToken cancellationToken = default) =>
        ChangeSheetAsync(entryId, (sheet, rubric) => sheet.Save(rubric, scores), cancellationToken);

    public Task SubmitSheetAsync(int entryId, CancellationToken cancellationToken = default) =>
        ChangeSheetAsync(entryId, (sheet, rubric) => sheet.Submit(rubric, clock.GetUtcNow().UtcDateTime), cancellationToken);

    /// <summary>R-20: only an Administrator reopens a submitted sheet, with a reason (the change is audited).</summary>
    public async Task ReopenSheetAsync(int sheetId, string reason, CancellationToken cancellationToken = default)
    {
        currentUser.Demand(Roles.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sheet = await db.ScoreSheets.SingleOrDefaultAsync(s => s.Id == sheetId, cancellationToken) ?? throw new NotFoundException(nameof(ScoreSheet), sheetId);
        sheet.Reopen(reason);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task ChangeSheetAsync(int entryId, Action<ScoreSheet, IReadOnlyList<RubricCriterion>> change, CancellationToken cancellationToken)
    {
        var judgeId = Judge();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await RequireAssignedAsync(db, entryId, judgeId, cancellationToken);
        var competition = await CompetitionSetupHandler.LoadAsync(db, entry.CompetitionId, cancellationToken);
        if (competition.Phase != CompetitionPhase.Judging)
        {
            throw new DomainException("Competition.WrongPhase");
        }

        var sheet = await db.ScoreSheets.SingleOrDefaultAsync(s => s.EntryId == entryId && s.JudgeId == judgeId, cancellationToken);
        if (sheet is null)
        {
            sheet = new ScoreSheet(entry.CompetitionId, entryId, judgeId);
            db.ScoreSheets.Add(sheet);
        }

        change(sheet, competition.Criteria);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<CompetitionEntry> RequireAssignedAsync(ProcurementDbContext db, int entryId, string judgeId, CancellationToken cancellationToken)
    {
        var entry = await db.CompetitionEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        var assigned = entry is not null && await db.JudgeAssignments.AnyAsync(a => a.EntryId == entryId && a.JudgeId == judgeId, cancellationToken);
        var declaration = entry is null ? null
            : await db.ConflictDeclarations.AsNoTracking().SingleOrDefaultAsync(d => d.CompetitionId == entry.CompetitionId && d.JudgeId == judgeId, cancellationToken);
        if (entry is null || !assigned || declaration is null || declaration.ConflictsWith(entry.AgencyId))
        {
            throw new NotFoundException(nameof(CompetitionEntry), entryId);
        }

        return entry;
    }

    private static async Task<IReadOnlyList<CoverageRow>> CoverageAsync(ProcurementDbContext db, Competition competition, CancellationToken cancellationToken)
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
        return rows.Select(r => new CoverageRow(r.Id, r.Title, r.AgencyId, r.AgencyName, r.Assigned, r.Submitted, r.Assigned < competition.JudgesPerEntry)).ToList();
    }

    private string Judge()
    {
        currentUser.Demand(Roles.Judge);
        return currentUser.UserId ?? throw new ForbiddenAccessException();
    }
}
