using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>
/// R-01 for competitions: who may take which action (<see cref="RolesFor"/>, beside the phase table of
/// <see cref="Competition.Allows(CompetitionAction)"/>), who sees which competitions and entries.
/// </summary>
public static class CompetitionAccess
{
    public const string Organizers = Roles.Administrator + "," + Roles.ProcurementOfficer;
    public const string Bureau = Roles.Sets.BureauStaff + "," + Roles.Auditor;
    public const string Everyone = Bureau + "," + Roles.Judge + "," + Roles.AgencyUser;
    public const string EntryReaders = Bureau + "," + Roles.AgencyUser;

    /// <summary>Who may take an action; the handlers demand these roles and <see cref="ActionsFor"/> offers by them.</summary>
    public static string RolesFor(CompetitionAction action, CompetitionPhase phase) => action switch
    {
        CompetitionAction.Enter => Roles.AgencyUser,
        CompetitionAction.DeclareConflicts or CompetitionAction.Score or CompetitionAction.ViewJudging => Roles.Judge,
        CompetitionAction.ExportScores => Bureau,
        CompetitionAction.ViewEntries => EntryReaders,

        // Judges and agencies never see a ranking before it is published.
        CompetitionAction.ViewResults => phase == CompetitionPhase.Judging ? Bureau : Everyone,
        _ => Organizers,
    };

    /// <summary>The actions the competition's phase allows (entries: inside the window too) that the user's roles may take.</summary>
    public static CompetitionActions ActionsFor(Competition competition, ICurrentUser user, DateTime nowUtc) => new(
        competition.AllowedActions()
            .Where(a => a != CompetitionAction.Enter || competition.AcceptsEntries(nowUtc))
            .Where(a => user.IsAnyOf(RolesFor(a, competition.Phase)))
            .ToHashSet());

    /// <summary>Demands the roles of an action and that the phase allows it: the check every handler makes first.</summary>
    public static void Demand(this ICurrentUser user, Competition competition, CompetitionAction action)
    {
        user.DemandAny(RolesFor(action, competition.Phase));
        competition.Require(action);
    }

    /// <summary>Drafts are the bureau's own; everyone else sees competitions once they are open.</summary>
    public static IQueryable<Competition> Visible(this IQueryable<Competition> competitions, ICurrentUser user)
    {
        user.DemandAny(Everyone);
        return user.IsAnyOf(Bureau) ? competitions : competitions.Where(c => c.Phase != CompetitionPhase.Draft);
    }

    /// <summary>A competition the user may see, with its rubric, tracked for a change; anything else is "not found".</summary>
    internal static async Task<Competition> LoadAsync(ProcurementDbContext db, int id, ICurrentUser user, CancellationToken cancellationToken) =>
        await db.Competitions.Visible(user).Include(c => c.Criteria).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new NotFoundException(nameof(Competition), id);

    /// <summary>
    /// on the read path: the bureau sees every entry, an agency its own, a judge only the entries assigned to
    /// them once they have declared, and none of an agency they declared a conflict with.
    /// </summary>
    internal static async Task<IReadOnlyList<CompetitionEntry>> VisibleEntriesAsync(
        ProcurementDbContext db, ICurrentUser user, Func<IQueryable<CompetitionEntry>, IQueryable<CompetitionEntry>> filter, CancellationToken cancellationToken)
    {
        user.DemandAny(Everyone);
        var entries = db.CompetitionEntries.AsNoTracking();
        if (user.IsAnyOf(Bureau))
        {
            return await filter(entries).ToListAsync(cancellationToken);
        }

        if (user.IsAgencyOnly())
        {
            var own = user.OwnAgencyId();
            return await filter(entries.Where(e => e.AgencyId == own)).ToListAsync(cancellationToken);
        }

        var judgeId = user.UserId ?? string.Empty;
        var declarations = await db.ConflictDeclarations.AsNoTracking().Where(d => d.JudgeId == judgeId).ToListAsync(cancellationToken);
        var assigned = await filter(entries.Where(e => db.JudgeAssignments.Any(a => a.EntryId == e.Id && a.JudgeId == judgeId))).ToListAsync(cancellationToken);
        return assigned.Where(e => declarations.Any(d => d.CompetitionId == e.CompetitionId && !d.ConflictsWith(e.AgencyId))).ToList();
    }

    /// <summary>One entry under the same rules; "not found" when the user may not see it.</summary>
    internal static async Task<CompetitionEntry> VisibleEntryAsync(ProcurementDbContext db, ICurrentUser user, int entryId, CancellationToken cancellationToken) =>
        (await VisibleEntriesAsync(db, user, q => q.Where(e => e.Id == entryId), cancellationToken)).SingleOrDefault()
        ?? throw new NotFoundException(nameof(CompetitionEntry), entryId);

    /// <summary>For the attachment download: whether the user may read the entry (and so its files).</summary>
    public static async Task<bool> MayReadEntryAsync(ProcurementDbContext db, ICurrentUser user, int entryId, CancellationToken cancellationToken) =>
        user.IsAnyOf(Everyone) && (await VisibleEntriesAsync(db, user, q => q.Where(e => e.Id == entryId), cancellationToken)).Count == 1;

    /// <summary>The agency user's own draft entry, tracked for a change; anything else is "not found".</summary>
    internal static async Task<CompetitionEntry> OwnEntryAsync(ProcurementDbContext db, ICurrentUser user, int entryId, CancellationToken cancellationToken)
    {
        var agencyId = OwnAgency(user);
        return await db.CompetitionEntries.SingleOrDefaultAsync(e => e.Id == entryId && e.AgencyId == agencyId, cancellationToken)
            ?? throw new NotFoundException(nameof(CompetitionEntry), entryId);
    }

    /// <summary>
    /// The one rule for changing an entry (its details, its files, its submission): the user is of the entry's agency,
    /// the entry is still a draft, and the competition takes entries now (phase and window, R-18).
    /// </summary>
    internal static bool MayChange(this ICurrentUser user, Competition competition, CompetitionEntry entry, DateTime nowUtc) =>
        user.IsInRole(Roles.AgencyUser) && user.AgencyId == entry.AgencyId && entry.IsDraft && competition.AcceptsEntries(nowUtc);

    internal static int OwnAgency(ICurrentUser user)
    {
        user.Demand(Roles.AgencyUser);
        return user.AgencyId ?? throw new ForbiddenAccessException();
    }

    internal static string JudgeId(ICurrentUser user)
    {
        user.Demand(Roles.Judge);
        return user.UserId ?? throw new ForbiddenAccessException();
    }
}
