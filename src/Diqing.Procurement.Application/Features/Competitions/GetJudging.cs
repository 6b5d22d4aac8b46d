using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

public sealed record AgencyName(int Id, string Name);

public sealed record JudgingEntry(int Id, string Title, decimal RequestedAmount, string? Problem, string? Plan, string? ExpectedOutcomes, ScoreSheetView Sheet);

/// <summary>
/// A judge's judging tab. Before declaring only the names of the competing agencies, never the entries; afterwards
/// the entries assigned to them with their sheets.
/// </summary>
/// <param name="CanDeclare">The judge may declare now (<see cref="DeclareConflictsHandler"/>).</param>
/// <param name="AwaitingAssignment">Declared, but the organiser has not assigned them an entry yet although there is one they could judge.</param>
public sealed record JudgingView(
    bool OnPanel,
    DateTime? DeclaredAtUtc,
    IReadOnlyList<AgencyName> Agencies,
    IReadOnlyList<int> DeclaredAgencyIds,
    bool CanDeclare,
    bool AwaitingAssignment,
    IReadOnlyList<JudgingEntry> Entries)
{
    public bool HasDeclared => DeclaredAtUtc is not null;

    public IReadOnlyList<string> DeclaredAgencyNames => Agencies.Where(a => DeclaredAgencyIds.Contains(a.Id)).Select(a => a.Name).ToList();
}

public sealed class GetJudgingHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<JudgingView> HandleAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        var judgeId = CompetitionAccess.JudgeId(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionAccess.LoadAsync(db, competitionId, currentUser, cancellationToken);
        currentUser.Demand(competition, CompetitionAction.ViewJudging);
        if (!competition.IsJudge(judgeId))
        {
            return new JudgingView(false, null, [], [], false, false, []);
        }

        var competing = await db.CompetitionEntries.AsNoTracking()
            .Where(e => e.CompetitionId == competitionId && e.Status == EntryStatus.Submitted).Select(e => e.AgencyId).Distinct().ToListAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => competing.Contains(a.Id)).OrderBy(a => a.Name)
            .Select(a => new AgencyName(a.Id, a.Name)).ToListAsync(cancellationToken);
        var declaration = await db.ConflictDeclarations.AsNoTracking()
            .SingleOrDefaultAsync(d => d.CompetitionId == competitionId && d.JudgeId == judgeId, cancellationToken);
        if (declaration is null)
        {
            return new JudgingView(true, null, agencies, [], competition.Allows(CompetitionAction.DeclareConflicts), false, []);
        }

        var entries = await CompetitionAccess.VisibleEntriesAsync(db, currentUser, q => q.Where(e => e.CompetitionId == competitionId).OrderBy(e => e.Id), cancellationToken);
        var sheets = await db.ScoreSheets.AsNoTracking().Where(s => s.CompetitionId == competitionId && s.JudgeId == judgeId).ToListAsync(cancellationToken);
        var awaiting = entries.Count == 0 && competition.Allows(CompetitionAction.AssignJudges) && competing.Any(a => !declaration.ConflictsWith(a));
        return new JudgingView(true, declaration.DeclaredAtUtc, agencies, declaration.AgencyIds, false, awaiting,
            entries.Select(e => new JudgingEntry(e.Id, e.Title, e.RequestedAmount, e.Problem, e.Plan, e.ExpectedOutcomes,
                GetScoreSheetHandler.Of(competition, e.Id, sheets.SingleOrDefault(s => s.EntryId == e.Id)))).ToList());
    }
}
