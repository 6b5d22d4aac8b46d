using Diqing.Procurement.Domain.Security;

namespace Diqing.Procurement.Application.Features.Competitions;

public static class CompetitionAccess
{
    public const string Organizers = Roles.Administrator + "," + Roles.ProcurementOfficer;
    public const string Bureau = Roles.Sets.BureauStaff + "," + Roles.Auditor;
    public const string Everyone = Bureau + "," + Roles.Judge + "," + Roles.AgencyUser;
}
