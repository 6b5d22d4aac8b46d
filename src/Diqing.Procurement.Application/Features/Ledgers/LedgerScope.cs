using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Security;

namespace Diqing.Procurement.Application.Features.Ledgers;

/// <summary>
/// Who may download which ledger: the roles that may read the page the ledger comes from.
/// An agency user gets the contract, disbursement and progress ledgers of its own agency only; never
/// the fund ledger (other agencies' allocations), the score sheet (other entries' scores) or the audit log.
/// Judges get none.
/// </summary>
public static class LedgerScope
{
    private static readonly IReadOnlyDictionary<LedgerKind, string> Readers = new Dictionary<LedgerKind, string>
    {
        [LedgerKind.Contracts] = ContractAccess.Readers,
        [LedgerKind.Funds] = FundingAccess.Readers,
        [LedgerKind.Disbursements] = FundingAccess.Readers + "," + Roles.AgencyUser,
        [LedgerKind.Progress] = Roles.Sets.BureauStaff + "," + Roles.Auditor + "," + Roles.AgencyUser,
        [LedgerKind.CompetitionScores] = CompetitionAccess.Bureau,
        [LedgerKind.AuditLog] = Roles.Sets.AuditReaders,
    };

    public static string RolesFor(LedgerKind kind) => Readers[kind];

    public static bool MayExport(ICurrentUser user, LedgerKind kind) =>
        user.IsAuthenticated && Readers[kind].Split(',').Any(user.IsInRole);

    /// <summary>An agency user sees its own agency's rows only (an administrator holding both roles sees all).</summary>
    public static bool IsAgencyOnly(ICurrentUser user) => user.IsInRole(Roles.AgencyUser) && !user.IsInRole(Roles.Administrator);
}
