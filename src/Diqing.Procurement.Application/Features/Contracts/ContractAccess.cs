using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

/// <summary>R-01 for contracts: bureau staff and auditors read all, an agency user only its agency's, judges none.</summary>
public static class ContractAccess
{
    public const string Readers = Roles.Sets.BureauStaff + "," + Roles.Auditor + "," + Roles.AgencyUser;
    public const string Editors = Roles.Administrator + "," + Roles.ProcurementOfficer;
    public const string Payers = Roles.Administrator + "," + Roles.FinanceOfficer;

    /// <summary>Waiving money not to be paid is a finance decision as well as a procurement one.</summary>
    public const string Waivers = Editors + "," + Payers;

    /// <summary>Who may take an action; the handlers demand these roles and <see cref="ActionsFor"/> offers by them.</summary>
    public static string RolesFor(ContractAction action, ContractStatus status) => action switch
    {
        ContractAction.RecordPayment => Payers,
        ContractAction.WaiveInstallment => Waivers,

        // While a draft, procurement officers earmark money too; afterwards only finance adjusts it.
        ContractAction.AdjustFunding => status == ContractStatus.Draft ? FundingAccess.Allocators : FundingAccess.Managers,
        _ => Editors,
    };

    /// <summary>The actions the contract's status allows that the user's roles may take.</summary>
    public static ContractActions ActionsFor(PurchaseContract contract, ICurrentUser user) => new(
        contract.AllowedActions().Where(a => user.IsAnyOf(RolesFor(a, contract.Status))).ToHashSet(),
        FundingNeedsReason: contract.Status != ContractStatus.Draft);

    public static IQueryable<PurchaseContract> Visible(this IQueryable<PurchaseContract> contracts, ICurrentUser user)
    {
        user.DemandAny(Readers);
        if (user.IsAgencyOnly())
        {
            var own = user.OwnAgencyId();
            return contracts.Where(c => c.AgencyId == own);
        }

        return contracts;
    }

    /// <summary>Loads a contract with its milestones and schedule for a change; unknown or invisible ids are "not found".</summary>
    internal static async Task<PurchaseContract> LoadForChangeAsync(ProcurementDbContext db, int id, ICurrentUser user, CancellationToken cancellationToken) =>
        await db.Contracts.Visible(user)
            .Include(c => c.Milestones).Include(c => c.Installments)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new NotFoundException(nameof(PurchaseContract), id);
}
