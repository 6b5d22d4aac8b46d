using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>The entry form: the command it edits and the target groups it may choose from.</summary>
public sealed record EntryForm(SaveEntryCommand Command, IReadOnlyList<TargetGroup> EligibleGroups);

/// <summary>A new entry, or the agency's own draft as its command, while the competition takes entries.</summary>
public sealed class EditEntryHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<EntryForm> HandleAsync(int competitionId, int? entryId, CancellationToken cancellationToken = default)
    {
        CompetitionAccess.OwnAgency(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionAccess.LoadAsync(db, competitionId, currentUser, cancellationToken);
        currentUser.Demand(competition, CompetitionAction.Enter);
        var now = clock.GetUtcNow().UtcDateTime;
        competition.EnsureAcceptsEntries(now);
        if (entryId is not { } id)
        {
            return new EntryForm(new SaveEntryCommand { CompetitionId = competitionId }, competition.EligibleGroups);
        }

        var e = await CompetitionAccess.OwnEntryAsync(db, currentUser, id, cancellationToken);
        if (e.CompetitionId != competitionId)
        {
            throw new NotFoundException(nameof(CompetitionEntry), id);
        }

        if (!currentUser.MayChange(competition, e, now))
        {
            throw new DomainException("Entry.AlreadySubmitted");
        }

        return new EntryForm(new SaveEntryCommand
        {
            CompetitionId = competitionId, EntryId = e.Id, Title = e.Title, TargetGroups = e.TargetGroups.ToList(), Problem = e.Problem, Plan = e.Plan,
            ExpectedOutcomes = e.ExpectedOutcomes, RequestedAmount = e.RequestedAmount,
            BudgetLines = e.BudgetLines.Select(b => new BudgetLineInput { Item = b.Item, Amount = b.Amount }).ToList(),
        }, competition.EligibleGroups);
    }
}
