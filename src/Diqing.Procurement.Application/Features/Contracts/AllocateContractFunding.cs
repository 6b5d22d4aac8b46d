using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

/// <summary>
/// Allocations of funding sources to a contract. While it is a draft, finance and procurement
/// officers add and remove them; after signing only finance adjusts them, with a reason, never
/// below what is paid. The money rules are the funding source's.
/// </summary>
/// <summary>A funding source as the allocation dialog offers it for one contract.</summary>
public sealed record FundingOption(int Id, string Name, FundingKind Kind, int FiscalYear, decimal Available, bool NeedsFiscalYearReason);

public sealed class AllocateContractFundingHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    /// <param name="reason">After signing: why the funding changes.</param>
    /// <param name="fiscalYearReason">Why a source of another fiscal year funds this contract (required then, see <see cref="FundingOption.NeedsFiscalYearReason"/>).</param>
    public async Task<int> AllocateAsync(
        int contractId, int fundingSourceId, decimal amount, string? reason = null, string? fiscalYearReason = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await LoadAsync(db, contractId, cancellationToken);
        DemandMayChange(contract, reason);
        var source = await LoadSourceAsync(db, fundingSourceId, cancellationToken);
        var allocation = source.Allocate(contract.Id, amount, contract.TargetGroups, contract.Years, fiscalYearReason);
        await db.SaveOrRefuseAsync("Funding.BalanceChanged", cancellationToken);
        return allocation.Id;
    }

    /// <summary>The sources the allocation dialog offers for this contract, with what is left and whether their year needs a reason.</summary>
    public async Task<IReadOnlyList<FundingOption>> OptionsAsync(int contractId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await LoadAsync(db, contractId, cancellationToken);
        var sources = await db.FundingSources.AsNoTracking().OrderByDescending(f => f.FiscalYear).ThenBy(f => f.Name)
            .Select(f => new { f.Id, f.Name, f.Kind, f.FiscalYear, f.Amount, Allocated = f.Allocations.Sum(a => (decimal?)a.Amount) ?? 0m })
            .ToListAsync(cancellationToken);
        return sources.Select(f => new FundingOption(f.Id, f.Name, f.Kind, f.FiscalYear, f.Amount - f.Allocated, !contract.Years.Covers(f.FiscalYear))).ToList();
    }

    public async Task ChangeAsync(int contractId, int allocationId, decimal amount, string? reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await LoadAsync(db, contractId, cancellationToken);
        DemandMayChange(contract, reason);
        var (source, allocation) = await LoadAllocationAsync(db, contractId, allocationId, cancellationToken);
        source.ChangeAllocation(allocation, amount, contract.Status == ContractStatus.Draft ? null : reason);
        await db.SaveOrRefuseAsync("Funding.BalanceChanged", cancellationToken);
    }

    public async Task RemoveAsync(int contractId, int allocationId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await LoadAsync(db, contractId, cancellationToken);
        DemandMayChange(contract, reason);
        var (source, allocation) = await LoadAllocationAsync(db, contractId, allocationId, cancellationToken);
        source.RemoveAllocation(allocation);
        await db.SaveOrRefuseAsync("Funding.BalanceChanged", cancellationToken);
    }

    private void DemandMayChange(PurchaseContract contract, string? reason)
    {
        currentUser.DemandAny(ContractAccess.RolesFor(ContractAction.AdjustFunding, contract.Status));
        contract.Require(ContractAction.AdjustFunding);
        if (contract.Status != ContractStatus.Draft && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Funding.AdjustmentReasonRequired");
        }
    }

    private async Task<PurchaseContract> LoadAsync(ProcurementDbContext db, int contractId, CancellationToken cancellationToken)
    {
        currentUser.DemandAny(FundingAccess.Allocators);
        return await db.Contracts.Visible(currentUser).AsNoTracking().SingleOrDefaultAsync(c => c.Id == contractId, cancellationToken)
            ?? throw new NotFoundException(nameof(PurchaseContract), contractId);
    }

    internal static async Task<FundingSource> LoadSourceAsync(ProcurementDbContext db, int id, CancellationToken cancellationToken) =>
        await db.FundingSources.Include(f => f.Allocations).ThenInclude(a => a.Disbursements).AsSplitQuery()
            .SingleOrDefaultAsync(f => f.Id == id, cancellationToken)
        ?? throw new NotFoundException(nameof(FundingSource), id);

    private static async Task<(FundingSource, Allocation)> LoadAllocationAsync(ProcurementDbContext db, int contractId, int allocationId, CancellationToken cancellationToken)
    {
        var sourceId = await db.Allocations.Where(a => a.Id == allocationId && a.ContractId == contractId).Select(a => (int?)a.FundingSourceId)
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(nameof(Allocation), allocationId);
        var source = await LoadSourceAsync(db, sourceId, cancellationToken);
        return (source, source.Allocations.Single(a => a.Id == allocationId));
    }
}
