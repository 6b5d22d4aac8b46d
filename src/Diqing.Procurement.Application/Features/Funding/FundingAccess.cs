using Diqing.Procurement.Domain.Security;

namespace Diqing.Procurement.Application.Features.Funding;

/// <summary>Finance manages funding sources; procurement officers and auditors read them; agencies and judges never.</summary>
public static class FundingAccess
{
    public const string Managers = Roles.Administrator + "," + Roles.FinanceOfficer;
    public const string Readers = Managers + "," + Roles.ProcurementOfficer + "," + Roles.Auditor;

    /// <summary>Who may earmark money for a contract while it is a draft.</summary>
    public const string Allocators = Managers + "," + Roles.ProcurementOfficer;
}
