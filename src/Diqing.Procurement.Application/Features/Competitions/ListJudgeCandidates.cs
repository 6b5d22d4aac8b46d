using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>An account with the Judge role, as the organiser chooses the panel from it.</summary>
public sealed record JudgeAccount(string Id, string UserName, string DisplayName, bool IsDeactivated);

/// <summary>Every account with the Judge role; only organisers choose panels, so only they read the list.</summary>
public sealed class ListJudgeCandidatesHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<IReadOnlyList<JudgeAccount>> HandleAsync(CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.RolesFor(CompetitionAction.ChoosePanel, CompetitionPhase.Draft));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var judgeRole = db.Roles.Where(r => r.Name == Roles.Judge).Select(r => r.Id);
        return await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && judgeRole.Contains(ur.RoleId)))
            .OrderBy(u => u.UserName)
            .Select(u => new JudgeAccount(u.Id, u.UserName!, u.DisplayName, u.IsDeactivated))
            .ToListAsync(cancellationToken);
    }
}
