using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <param name="CanChange">The user may change the entry and its files now (the same rule as <see cref="SaveEntryHandler"/> and the uploads).</param>
public sealed record EntryView(
    int Id, int CompetitionId, string Title, string AgencyName, EntryStatus Status, IReadOnlyList<TargetGroup> TargetGroups, decimal RequestedAmount,
    string? Problem, string? Plan, string? ExpectedOutcomes, DateTime? SubmittedAtUtc, IReadOnlyList<BudgetLine> BudgetLines, bool CanChange)
{
    public decimal BudgetTotal => BudgetLines.Sum(b => b.Amount);
}

/// <summary>One entry for whoever may read it (its agency, the bureau, its assigned unconflicted judges); anyone else gets "not found".</summary>
public sealed class GetEntryHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<EntryView> HandleAsync(int entryId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var e = await CompetitionAccess.VisibleEntryAsync(db, currentUser, entryId, cancellationToken);
        var competition = await db.Competitions.AsNoTracking().SingleAsync(c => c.Id == e.CompetitionId, cancellationToken);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == e.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        return new EntryView(e.Id, e.CompetitionId, e.Title, agency, e.Status, e.TargetGroups, e.RequestedAmount, e.Problem, e.Plan, e.ExpectedOutcomes,
            e.SubmittedAtUtc, e.BudgetLines, currentUser.MayChange(competition, e, clock.GetUtcNow().UtcDateTime));
    }
}
