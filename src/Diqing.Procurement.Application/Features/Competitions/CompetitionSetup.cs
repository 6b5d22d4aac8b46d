using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>Windows are entered in China time and stored in UTC.</summary>
public sealed record SaveCompetitionCommand(
    int? Id, string Name, int Year, string Theme, decimal BudgetPool, decimal CapPerEntry, IReadOnlyList<TargetGroup> EligibleGroups,
    DateTime SubmissionOpensChina, DateTime SubmissionClosesChina, DateTime JudgingOpensChina, DateTime JudgingClosesChina,
    int? FundingSourceId = null, int JudgesPerEntry = 3, decimal SpreadThreshold = 20m, bool ShowNormalizedRanking = false);

public sealed class CompetitionSetupHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<int> SaveAsync(SaveCompetitionCommand c, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.Organizers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Competition competition;
        if (c.Id is { } id)
        {
            competition = await LoadAsync(db, id, cancellationToken);
            competition.Describe(c.Name, c.Year, c.Theme, c.BudgetPool, c.CapPerEntry, c.EligibleGroups, ChinaTime.ToUtc(c.SubmissionOpensChina),
                ChinaTime.ToUtc(c.SubmissionClosesChina), ChinaTime.ToUtc(c.JudgingOpensChina), ChinaTime.ToUtc(c.JudgingClosesChina));
        }
        else
        {
            competition = new Competition(c.Name, c.Year, c.Theme, c.BudgetPool, c.CapPerEntry, c.EligibleGroups, ChinaTime.ToUtc(c.SubmissionOpensChina),
                ChinaTime.ToUtc(c.SubmissionClosesChina), ChinaTime.ToUtc(c.JudgingOpensChina), ChinaTime.ToUtc(c.JudgingClosesChina));
            db.Competitions.Add(competition);
        }

        competition.FundingSourceId = c.FundingSourceId;
        competition.JudgesPerEntry = Math.Clamp(c.JudgesPerEntry, 1, 15);
        competition.SpreadThreshold = c.SpreadThreshold;
        competition.ShowNormalizedRanking = c.ShowNormalizedRanking;
        await db.SaveChangesAsync(cancellationToken);
        return competition.Id;
    }

    public async Task SetRubricAsync(int competitionId, IReadOnlyList<CriterionPlan> criteria, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.Organizers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await LoadAsync(db, competitionId, cancellationToken);
        competition.SetRubric(criteria, await db.CompetitionEntries.AnyAsync(e => e.CompetitionId == competitionId, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The panel: only accounts with the Judge role can sit on it.</summary>
    public async Task SetJudgesAsync(int competitionId, IReadOnlyList<string> judgeUserIds, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.Organizers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var judgeRole = await db.Roles.Where(r => r.Name == Roles.Judge).Select(r => r.Id).SingleAsync(cancellationToken);
        var valid = await db.UserRoles.Where(ur => ur.RoleId == judgeRole && judgeUserIds.Contains(ur.UserId)).Select(ur => ur.UserId).ToListAsync(cancellationToken);
        if (valid.Count != judgeUserIds.Distinct().Count())
        {
            throw new DomainException("Competition.NotAJudge");
        }

        var competition = await LoadAsync(db, competitionId, cancellationToken);
        competition.SetJudges(judgeUserIds);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task OpenAsync(int id, CancellationToken cancellationToken = default) => ChangeAsync(id, c => c.OpenForEntries(), cancellationToken);

    public Task StartJudgingAsync(int id, CancellationToken cancellationToken = default) => ChangeAsync(id, c => c.StartJudging(), cancellationToken);

    public Task PublishResultsAsync(int id, CancellationToken cancellationToken = default) => ChangeAsync(id, c => c.PublishResults(), cancellationToken);

    public Task CloseAsync(int id, CancellationToken cancellationToken = default) => ChangeAsync(id, c => c.Close(), cancellationToken);

    public async Task<IReadOnlyList<Competition>> ListAsync(CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.Everyone);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competitions = db.Competitions.AsNoTracking().Include(c => c.Criteria).AsQueryable();
        if (!CompetitionAccess.Bureau.Split(',').Any(currentUser.IsInRole))
        {
            competitions = competitions.Where(c => c.Phase != CompetitionPhase.Draft);
        }

        return await competitions.OrderByDescending(c => c.Year).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>One competition, with the same visibility as the list: drafts only for the bureau.</summary>
    public async Task<Competition> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.Everyone);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await db.Competitions.AsNoTracking().Include(c => c.Criteria).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (competition is null || (competition.Phase == CompetitionPhase.Draft && !CompetitionAccess.Bureau.Split(',').Any(currentUser.IsInRole)))
        {
            throw new NotFoundException(nameof(Competition), id);
        }

        return competition;
    }

    internal static async Task<Competition> LoadAsync(ProcurementDbContext db, int id, CancellationToken cancellationToken) =>
        await db.Competitions.Include(c => c.Criteria).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new NotFoundException(nameof(Competition), id);

    private async Task ChangeAsync(int id, Action<Competition> change, CancellationToken cancellationToken)
    {
        currentUser.DemandAny(CompetitionAccess.Organizers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        change(await LoadAsync(db, id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }
}
