using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

public sealed record ChooseJudgePanelCommand(int CompetitionId, IReadOnlyList<string> JudgeUserIds);

/// <summary>The panel: only accounts with the Judge role can sit on it, and only until the results are published.</summary>
public sealed class ChooseJudgePanelHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task HandleAsync(ChooseJudgePanelCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.RolesFor(CompetitionAction.ChoosePanel, CompetitionPhase.Draft));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionAccess.LoadAsync(db, command.CompetitionId, currentUser, cancellationToken);
        currentUser.Demand(competition, CompetitionAction.ChoosePanel);
        var judgeRole = await db.Roles.Where(r => r.Name == Roles.Judge).Select(r => r.Id).SingleAsync(cancellationToken);
        var ids = command.JudgeUserIds.Distinct().ToList();
        var valid = await db.UserRoles.CountAsync(ur => ur.RoleId == judgeRole && ids.Contains(ur.UserId), cancellationToken);
        if (valid != ids.Count)
        {
            throw new DomainException("Competition.NotAJudge");
        }

        competition.SetJudges(ids);
        await db.SaveOrRefuseAsync("Error.Concurrency", cancellationToken);
    }
}
