using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

public sealed record CriterionView(int Id, string Name, string? Description, decimal MaxPoints);

/// <summary>A panel member and whether they have declared their conflicts of interest yet.</summary>
public sealed record PanelMember(string Id, string UserName, string DisplayName, DateTime? DeclaredAtUtc, int ConflictCount)
{
    public bool HasDeclared => DeclaredAtUtc is not null;
}

/// <summary>
/// R-28 for the organiser who may publish: what judging still lacks, named. When anything is missing the results can
/// only be published early, with a reason (<see cref="NeedsReason"/>).
/// </summary>
public sealed record PublicationCheck(bool NeedsReason, IReadOnlyList<string> Missing);

public sealed record CompetitionView(
    int Id,
    string Name,
    int Year,
    string Theme,
    decimal BudgetPool,
    decimal CapPerEntry,
    IReadOnlyList<TargetGroup> EligibleGroups,
    DateTime SubmissionOpensAtUtc,
    DateTime SubmissionClosesAtUtc,
    DateTime JudgingOpensAtUtc,
    DateTime JudgingClosesAtUtc,
    CompetitionPhase Phase,
    int JudgesPerEntry,
    bool ShowNormalizedRanking,
    IReadOnlyList<CriterionView> Criteria,
    CompetitionActions Actions,
    IReadOnlyList<PanelMember>? Panel,
    PublicationCheck? Publication);

/// <summary>Everything the competition page shows, with the decisions for the current user already made.</summary>
public sealed class GetCompetitionHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<CompetitionView> HandleAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await db.Competitions.AsNoTracking().Visible(currentUser).Include(c => c.Criteria)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException(nameof(Competition), id);
        var now = clock.GetUtcNow().UtcDateTime;
        var actions = CompetitionAccess.ActionsFor(competition, currentUser, now);

        // The panel and its declarations are for the bureau's eyes.
        IReadOnlyList<PanelMember>? panel = currentUser.IsAnyOf(CompetitionAccess.Bureau) ? await PanelAsync(db, competition, cancellationToken) : null;
        PublicationCheck? publication = null;
        if (actions.CanPublish)
        {
            var progress = await JudgingProgress.LoadAsync(db, competition, now, cancellationToken);
            publication = new PublicationCheck(!progress.Gaps.IsComplete, progress.Missing);
        }

        return new CompetitionView(competition.Id, competition.Name, competition.Year, competition.Theme, competition.BudgetPool, competition.CapPerEntry,
            competition.EligibleGroups, competition.SubmissionOpensAtUtc, competition.SubmissionClosesAtUtc, competition.JudgingOpensAtUtc,
            competition.JudgingClosesAtUtc, competition.Phase, competition.JudgesPerEntry, competition.ShowNormalizedRanking,
            competition.Criteria.OrderBy(c => c.Order).Select(c => new CriterionView(c.Id, c.Name, c.Description, c.MaxPoints)).ToList(),
            actions, panel, publication);
    }

    private static async Task<IReadOnlyList<PanelMember>> PanelAsync(ProcurementDbContext db, Competition competition, CancellationToken cancellationToken)
    {
        var judgeIds = competition.JudgeIds.ToList();
        var users = await db.Users.AsNoTracking().Where(u => judgeIds.Contains(u.Id))
            .Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(cancellationToken);
        var declarations = await db.ConflictDeclarations.AsNoTracking().Where(d => d.CompetitionId == competition.Id).ToListAsync(cancellationToken);
        return users
            .Select(u =>
            {
                var declaration = declarations.SingleOrDefault(d => d.JudgeId == u.Id);
                return new PanelMember(u.Id, u.UserName!, u.DisplayName, declaration?.DeclaredAtUtc, declaration?.AgencyIds.Count ?? 0);
            })
            .OrderBy(m => m.UserName, StringComparer.Ordinal)
            .ToList();
    }
}
