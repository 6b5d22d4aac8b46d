namespace Diqing.Procurement.Domain.Security;

/// <summary>The six roles of the domain guide. The names are stored in the database: never rename.</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string ProcurementOfficer = nameof(ProcurementOfficer);
    public const string FinanceOfficer = nameof(FinanceOfficer);
    public const string AgencyUser = nameof(AgencyUser);
    public const string Judge = nameof(Judge);
    public const string Auditor = nameof(Auditor);

    public static readonly IReadOnlyList<string> All =
    [
        Administrator, ProcurementOfficer, FinanceOfficer, AgencyUser, Judge, Auditor,
    ];

    /// <summary>Comma-separated role lists for <c>[Authorize(Roles = ...)]</c> attributes.</summary>
    public static class Sets
    {
        public const string Administrators = Administrator;
        public const string AuditReaders = Administrator + "," + Auditor;
        public const string BureauStaff = Administrator + "," + ProcurementOfficer + "," + FinanceOfficer;
    }

    /// <summary>Privileged roles that must sign in with a second factor (等保 2.0 level 3); everyone else may choose to.</summary>
    public static readonly IReadOnlyList<string> TwoFactorRequired = [Administrator, FinanceOfficer];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);
}
