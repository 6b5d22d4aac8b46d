using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>The command the competition form edits: a new one (no id), or a competition's current details and rubric while it may still be edited.</summary>
public sealed class EditCompetitionHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<SaveCompetitionCommand> HandleAsync(int? id, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.RolesFor(CompetitionAction.Edit, CompetitionPhase.Draft));
        if (id is null)
        {
            return new SaveCompetitionCommand { Year = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime).Year };
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var c = await db.Competitions.AsNoTracking().Visible(currentUser).Include(x => x.Criteria).SingleOrDefaultAsync(x => x.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(Competition), id);
        currentUser.Demand(c, CompetitionAction.Edit);
        return new SaveCompetitionCommand
        {
            Id = c.Id, Name = c.Name, Year = c.Year, Theme = c.Theme, BudgetPool = c.BudgetPool, CapPerEntry = c.CapPerEntry, EligibleGroups = c.EligibleGroups.ToList(),
            SubmissionOpens = ChinaTime.FromUtc(c.SubmissionOpensAtUtc), SubmissionCloses = ChinaTime.FromUtc(c.SubmissionClosesAtUtc),
            JudgingOpens = ChinaTime.FromUtc(c.JudgingOpensAtUtc), JudgingCloses = ChinaTime.FromUtc(c.JudgingClosesAtUtc),
            FundingSourceId = c.FundingSourceId, JudgesPerEntry = c.JudgesPerEntry, SpreadThreshold = c.SpreadThreshold, ShowNormalizedRanking = c.ShowNormalizedRanking,
            Criteria = c.Criteria.OrderBy(x => x.Order).Select(x => new CriterionInput { Name = x.Name, Description = x.Description, MaxPoints = x.MaxPoints }).ToList(),
        };
    }
}
