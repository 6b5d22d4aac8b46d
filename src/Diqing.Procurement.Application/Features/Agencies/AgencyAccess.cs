using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Security;

namespace Diqing.Procurement.Application.Features.Agencies;

/// <summary>Who may see and change agencies: bureau staff and auditors read all, an agency user only its own.</summary>
public static class AgencyAccess
{
    public const string Readers = Roles.Sets.BureauStaff + "," + Roles.Auditor + "," + Roles.AgencyUser;
    public const string Editors = Roles.Administrator + "," + Roles.ProcurementOfficer;

    public static IQueryable<Agency> Visible(this IQueryable<Agency> agencies, ICurrentUser user)
    {
        user.DemandAny(Readers);
        if (user.IsAgencyOnly())
        {
            var own = user.OwnAgencyId();
            return agencies.Where(a => a.Id == own);
        }

        return agencies;
    }
}
