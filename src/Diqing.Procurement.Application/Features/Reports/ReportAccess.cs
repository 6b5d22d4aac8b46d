using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Reports;

/// <summary>R-13: only users of the contract's agency write its reports; only bureau staff review them. R-01 for reading.</summary>
public static class ReportAccess
{
    public const string Writers = Roles.AgencyUser;
    public const string Reviewers = Roles.Administrator + "," + Roles.ProcurementOfficer;
    public const string Readers = BureauReaders + "," + Roles.AgencyUser;

    /// <summary>The bureau's side of reports: the review pages and the overdue milestones; reviewers act, the others read.</summary>
    public const string BureauReaders = Roles.Sets.BureauStaff + "," + Roles.Auditor;

    public static IQueryable<MilestoneReport> Visible(this IQueryable<MilestoneReport> reports, ICurrentUser user)
    {
        user.DemandAny(Readers);
        var own = user.OwnAgencyId();
        return user.IsAgencyOnly() ? reports.Where(r => r.AgencyId == own) : reports;
    }

    /// <summary>
    /// The agency always sees its report's files; everyone else only once the report has been submitted (a draft's files,
    /// like its content, are the agency's working material until then).
    /// </summary>
    internal static async Task<bool> MayReadFilesAsync(Infrastructure.Persistence.ProcurementDbContext db, int reportId, ICurrentUser user, CancellationToken cancellationToken) =>
        await db.MilestoneReports.AsNoTracking().Visible(user)
            .AnyAsync(r => r.Id == reportId && ((user.IsAgencyOnly() && r.AgencyId == user.AgencyId) || r.Versions.Any()), cancellationToken);

    /// <summary>The agency of an agency user, or forbidden for everyone else.</summary>
    public static int DemandAgency(ICurrentUser user)
    {
        user.Demand(Writers);
        return user.AgencyId ?? throw new ForbiddenAccessException();
    }
}
