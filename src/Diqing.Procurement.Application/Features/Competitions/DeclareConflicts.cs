using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

public sealed record DeclareConflictsCommand(int CompetitionId, IReadOnlyList<int> AgencyIds);

/// <summary>R-19: a panel judge declares once, before seeing any entry, which competing agencies they are connected with.</summary>
public sealed class DeclareConflictsHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task HandleAsync(DeclareConflictsCommand command, CancellationToken cancellationToken = default)
    {
        var judgeId = CompetitionAccess.JudgeId(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionAccess.LoadAsync(db, command.CompetitionId, currentUser, cancellationToken);
        if (!competition.IsJudge(judgeId))
        {
            throw new NotFoundException(nameof(Competition), command.CompetitionId);
        }

        currentUser.Demand(competition, CompetitionAction.DeclareConflicts);
        if (await db.ConflictDeclarations.AnyAsync(d => d.CompetitionId == competition.Id && d.JudgeId == judgeId, cancellationToken))
        {
            throw new DomainException("Judging.AlreadyDeclared");
        }

        // A conflict can only be with an agency competing here (the choices the judge is shown); anything else is refused, not stored.
        var declared = command.AgencyIds.Distinct().ToList();
        var competing = await db.CompetitionEntries
            .Where(e => e.CompetitionId == competition.Id && e.Status == EntryStatus.Submitted && declared.Contains(e.AgencyId))
            .Select(e => e.AgencyId).Distinct().CountAsync(cancellationToken);
        if (competing != declared.Count)
        {
            throw new DomainException("Judging.ConflictAgencyNotCompeting");
        }

        db.ConflictDeclarations.Add(new ConflictDeclaration(competition.Id, judgeId, declared, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }
}
