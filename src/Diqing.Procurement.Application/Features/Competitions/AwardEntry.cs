using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

public sealed record AwardEntryCommand(int CompetitionId, int EntryId);

/// <summary>R-23: awards the best-ranked undecided entry if it fits in what is left of the pool, and creates its draft contract.</summary>
public sealed class AwardEntryHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, SaveContractDraftHandler contracts)
{
    public async Task<int> HandleAsync(AwardEntryCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.RolesFor(CompetitionAction.Award, CompetitionPhase.ResultsPublished));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionAccess.LoadAsync(db, command.CompetitionId, currentUser, cancellationToken);
        currentUser.Demand(competition, CompetitionAction.Award);
        (await CompetitionRanking.RankAsync(db, competition, withNormalized: false, cancellationToken)).Awards().RequireAward(command.EntryId);

        var entry = await db.CompetitionEntries.SingleAsync(e => e.Id == command.EntryId, cancellationToken);
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
        await db.SaveOrRefuseAsync("Error.Concurrency", cancellationToken);
        return contractId;
    }
}
