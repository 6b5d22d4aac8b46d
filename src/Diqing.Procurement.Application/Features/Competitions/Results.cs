using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

public sealed record ResultRow(EntryResult Result, string Title, int AgencyId, string AgencyName, decimal RequestedAmount, AwardDecision Award, int? ContractId);

public sealed record CompetitionResults(int CompetitionId, CompetitionPhase Phase, decimal BudgetPool, decimal Awarded, IReadOnlyList<ResultRow> Rows)
{
    public decimal Remaining => BudgetPool - Awarded;
}

/// <summary>
/// Results from the pure scoring function over submitted sheets. The bureau sees them
/// while judging; judges only after publication; agencies only their own entries after publication.
/// Awards go in rank order while the pool lasts and create draft contracts.
/// </summary>
public sealed class ResultsHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory,
    ICurrentUser currentUser,
    SaveContractDraftHandler contracts)
{
    public async Task<CompetitionResults> GetAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.Everyone);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionSetupHandler.LoadAsync(db, competitionId, cancellationToken);
        var bureau = CompetitionAccess.Bureau.Split(',').Any(currentUser.IsInRole);
        var published = competition.Phase is CompetitionPhase.ResultsPublished or CompetitionPhase.Closed;
        if (!bureau && !published)
        {
            throw new ForbiddenAccessException(); // judges never see rankings before publication
        }

        var results = await ComputeAsync(db, competition, cancellationToken);
        if (!bureau && currentUser.IsInRole(Roles.AgencyUser))
        {
            results = results with { Rows = results.Rows.Where(r => r.AgencyId == currentUser.AgencyId).ToList() };
        }

        return results;
    }

    /// <summary>Awards the best-ranked undecided entry: it must fit in what is left of the pool. Creates its draft contract.</summary>
    public async Task<int> AwardNextAsync(int competitionId, int entryId, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.Organizers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionSetupHandler.LoadAsync(db, competitionId, cancellationToken);
        RequireAwarding(competition);
        var results = await ComputeAsync(db, competition, cancellationToken);
        var next = results.Rows.FirstOrDefault(r => r.Award == AwardDecision.None);
        if (next is null || next.Result.EntryId != entryId)
        {
            throw new DomainException("Award.NotInRankOrder");
        }

        if (next.RequestedAmount > results.Remaining)
        {
            throw new DomainException("Award.PoolExhausted", results.Remaining);
        }

        var entry = await db.CompetitionEntries.SingleAsync(e => e.Id == entryId, cancellationToken);
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == entry.AgencyId, cancellationToken);
        var year = competition.Year;
        var contractId = await contracts.HandleAsync(new SaveContractDraftCommand
        {
            Title = entry.Title,
            PurchasingUnit = "迪庆州民政局",
            AgencyId = entry.AgencyId,
            Method = ProcurementMethod.DirectCommission,
            Category = ServiceCategory.ComprehensiveSocialWork,
            TargetGroups = entry.TargetGroups.ToList(),
            County = agency.County,
            Amount = entry.RequestedAmount,
            StartOn = new DateTime(year, 1, 1),
            EndOn = new DateTime(year, 12, 31),
            Description = entry.ExpectedOutcomes,
        }, cancellationToken);

        entry.MarkAwarded(contractId);
        var contract = await db.Contracts.SingleAsync(c => c.Id == contractId, cancellationToken);
        contract.LinkToCompetitionEntry(entry.Id);
        await db.SaveChangesAsync(cancellationToken);
        return contractId;
    }

    public async Task SkipAsync(int entryId, string reason, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.Organizers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.CompetitionEntries.SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken) ?? throw new NotFoundException(nameof(CompetitionEntry), entryId);
        RequireAwarding(await CompetitionSetupHandler.LoadAsync(db, entry.CompetitionId, cancellationToken));
        entry.Skip(reason);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Awards and skips are decided only once the results are published (and before the competition closes).</summary>
    private static void RequireAwarding(Competition competition)
    {
        if (competition.Phase != CompetitionPhase.ResultsPublished)
        {
            throw new DomainException("Competition.WrongPhase");
        }
    }

    private static async Task<CompetitionResults> ComputeAsync(ProcurementDbContext db, Competition competition, CancellationToken cancellationToken)
    {
        var entries = await db.CompetitionEntries.AsNoTracking()
            .Where(e => e.CompetitionId == competition.Id && e.Status == EntryStatus.Submitted).ToListAsync(cancellationToken);
        var sheets = await db.ScoreSheets.AsNoTracking()
            .Where(s => s.CompetitionId == competition.Id && s.Status == ScoreSheetStatus.Submitted).ToListAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);

        var ranked = CompetitionScoring.Rank(
            competition.Criteria.Select(c => new ScoringCriterion(c.Id, c.MaxPoints, c.Order)).ToList(),
            entries.Select(e => new EntryScores(e.Id, e.SubmittedAtUtc!.Value,
                sheets.Where(s => s.EntryId == e.Id).Select(s => new JudgeScores(s.JudgeId, s.Scores.ToDictionary(x => x.CriterionId, x => x.Points))).ToList())).ToList(),
            competition.SpreadThreshold, competition.ShowNormalizedRanking);

        var byId = entries.ToDictionary(e => e.Id);
        var rows = ranked.Select(r =>
        {
            var e = byId[r.EntryId];
            return new ResultRow(r, e.Title, e.AgencyId, agencies[e.AgencyId], e.RequestedAmount, e.Award, e.ContractId);
        }).ToList();
        return new CompetitionResults(competition.Id, competition.Phase, competition.BudgetPool,
            entries.Where(e => e.Award == AwardDecision.Awarded).Sum(e => e.RequestedAmount), rows);
    }
}
