using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>A rubric criterion on a judge's sheet, with the judge's points and comment so far.</summary>
public sealed record SheetLine(int CriterionId, string Name, string? Description, decimal MaxPoints, decimal? Points, string? Comment)
{
    /// <summary>R-20 for the form's live check: the sheet's own rule (an empty field is not an error, only incomplete).</summary>
    public bool Accepts(decimal? points) => points is not { } p || ScoreSheet.PointsAllowed(p, MaxPoints);
}

/// <param name="Locked">Submitted, so read-only .</param>
/// <param name="CanEdit">The judge may save and submit this sheet now (<see cref="SaveScoreSheetHandler"/>, <see cref="SubmitScoreSheetHandler"/>).</param>
public sealed record ScoreSheetView(int EntryId, bool Locked, bool CanEdit, IReadOnlyList<SheetLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.Points ?? 0m);
}

/// <summary>The judge's own sheet for an assigned, unconflicted entry (empty until first saved).</summary>
public sealed class GetScoreSheetHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<ScoreSheetView> HandleAsync(int entryId, CancellationToken cancellationToken = default)
    {
        var judgeId = CompetitionAccess.JudgeId(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await CompetitionAccess.VisibleEntryAsync(db, currentUser, entryId, cancellationToken);
        var competition = await db.Competitions.AsNoTracking().Include(c => c.Criteria).SingleAsync(c => c.Id == entry.CompetitionId, cancellationToken);
        currentUser.Demand(competition, CompetitionAction.ViewJudging);
        var sheet = await db.ScoreSheets.AsNoTracking().SingleOrDefaultAsync(s => s.EntryId == entryId && s.JudgeId == judgeId, cancellationToken);
        return Of(competition, entryId, sheet);
    }

    internal static ScoreSheetView Of(Competition competition, int entryId, ScoreSheet? sheet)
    {
        var locked = sheet?.IsLocked ?? false;
        return new ScoreSheetView(entryId, locked, !locked && competition.Allows(CompetitionAction.Score),
            competition.Criteria.OrderBy(c => c.Order).Select(c =>
            {
                var score = sheet?.Scores.SingleOrDefault(s => s.CriterionId == c.Id);
                return new SheetLine(c.Id, c.Name, c.Description, c.MaxPoints, score?.Points, score?.Comment);
            }).ToList());
    }
}
