using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Diqing.Procurement.Application.Common;

namespace Diqing.Procurement.Application.Features.Competitions;

public sealed record CompetitionListItem(
    int Id, string Name, int Year, CompetitionPhase Phase, decimal BudgetPool, decimal CapPerEntry,
    DateTime SubmissionOpensAtUtc, DateTime SubmissionClosesAtUtc, DateTime JudgingOpensAtUtc, DateTime JudgingClosesAtUtc);

/// <param name="CanCreate">Whether the user may set up a new competition (<see cref="SaveCompetitionHandler"/> without an id).</param>
public sealed record CompetitionListView(IReadOnlyList<CompetitionListItem> Items, bool CanCreate);

/// <summary>The competitions the user may see, newest first: drafts only for the bureau.</summary>
public sealed class ListCompetitionsHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<CompetitionListView> HandleAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = await db.Competitions.AsNoTracking().Visible(currentUser)
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Id)
            .Select(c => new CompetitionListItem(c.Id, c.Name, c.Year, c.Phase, c.BudgetPool, c.CapPerEntry,
                c.SubmissionOpensAtUtc, c.SubmissionClosesAtUtc, c.JudgingOpensAtUtc, c.JudgingClosesAtUtc))
            .ToListAsync(cancellationToken);
        return new CompetitionListView(items, currentUser.IsAnyOf(CompetitionAccess.Organizers));
    }
}
