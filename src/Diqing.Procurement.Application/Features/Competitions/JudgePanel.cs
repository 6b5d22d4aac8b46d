using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>An account with the Judge role, as the organiser chooses the panel from it.</summary>
public sealed record JudgeAccount(string Id, string UserName, string DisplayName, bool IsDeactivated);

/// <summary>A panel member and whether they have declared their conflicts of interest yet.</summary>
public sealed record PanelMember(string Id, string UserName, string DisplayName, DateTime? DeclaredAtUtc, int ConflictCount)
{
    public bool HasDeclared => DeclaredAtUtc is not null;
}

public sealed record AgencyName(int Id, string Name);

/// <summary>
/// What a judge needs to declare conflicts: the names of the agencies with submitted entries,
/// never the entries themselves, and what the judge has already declared.
/// </summary>
public sealed record ConflictChoices(bool OnPanel, DateTime? DeclaredAtUtc, IReadOnlyList<int> DeclaredAgencyIds, IReadOnlyList<AgencyName> Agencies)
{
    public static readonly ConflictChoices NotOnPanel = new(false, null, [], []);

    public bool HasDeclared => DeclaredAtUtc is not null;
}

/// <summary>The judging panel: who can sit on it, who sits on it and has declared, and what a judge declares against.</summary>
public sealed class JudgePanelHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    /// <summary>Every account with the Judge role; only organisers choose panels, so only they read the list.</summary>
    public async Task<IReadOnlyList<JudgeAccount>> CandidatesAsync(CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.Organizers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var judgeRole = db.Roles.Where(r => r.Name == Roles.Judge).Select(r => r.Id);
        return await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && judgeRole.Contains(ur.RoleId)))
            .OrderBy(u => u.UserName)
            .Select(u => new JudgeAccount(u.Id, u.UserName!, u.DisplayName, u.IsDeactivated))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The panel with each judge's declaration status, for the bureau.</summary>
    public async Task<IReadOnlyList<PanelMember>> PanelAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.Bureau);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await CompetitionSetupHandler.LoadAsync(db, competitionId, cancellationToken);
        var judgeIds = competition.JudgeIds.ToList();
        var users = await db.Users.AsNoTracking().Where(u => judgeIds.Contains(u.Id))
            .Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(cancellationToken);
        var declarations = await db.ConflictDeclarations.AsNoTracking()
            .Where(d => d.CompetitionId == competitionId).ToListAsync(cancellationToken);
        return users
            .Select(u =>
            {
                var declaration = declarations.SingleOrDefault(d => d.JudgeId == u.Id);
                return new PanelMember(u.Id, u.UserName!, u.DisplayName, declaration?.DeclaredAtUtc, declaration?.AgencyIds.Count ?? 0);
            })
            .OrderBy(m => m.UserName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>For a judge on the panel: the agencies with submitted entries (names only). Anyone else on the Judge role gets nothing.</summary>
    public async Task<ConflictChoices> ConflictChoicesAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        currentUser.Demand(Roles.Judge);
        var judgeId = currentUser.UserId ?? throw new ForbiddenAccessException();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await db.Competitions.AsNoTracking().SingleOrDefaultAsync(c => c.Id == competitionId, cancellationToken);
        if (competition is null || !competition.IsJudge(judgeId))
        {
            return ConflictChoices.NotOnPanel;
        }

        var agencies = await db.Agencies.AsNoTracking()
            .Where(a => db.CompetitionEntries.Any(e => e.CompetitionId == competitionId && e.AgencyId == a.Id && e.Status == EntryStatus.Submitted))
            .OrderBy(a => a.Name)
            .Select(a => new AgencyName(a.Id, a.Name))
            .ToListAsync(cancellationToken);
        var declaration = await db.ConflictDeclarations.AsNoTracking()
            .SingleOrDefaultAsync(d => d.CompetitionId == competitionId && d.JudgeId == judgeId, cancellationToken);
        return new ConflictChoices(true, declaration?.DeclaredAtUtc, declaration?.AgencyIds ?? [], agencies);
    }
}
