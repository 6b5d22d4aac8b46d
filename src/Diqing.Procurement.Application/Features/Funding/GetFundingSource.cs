using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Funding;

/// <summary>An allocation with the contract it funds, named as users know it (number and title).</summary>
public sealed record AllocationLine(int Id, int ContractId, string ContractNumber, string ContractTitle, decimal Amount, decimal Disbursed, decimal Undisbursed);

public sealed record DisbursementLine(int Id, int AllocationId, int ContractId, string ContractNumber, string ContractTitle, string VoucherNumber, DateOnly PaidOn, decimal Amount);

public sealed record FundingSourceDetail(
    FundingSourceRow Source, DateOnly? ReceivedOn, string? Notes, long Version,
    IReadOnlyList<AllocationLine> Allocations, IReadOnlyList<DisbursementLine> Disbursements, bool CanManage);

public sealed class GetFundingSourceHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<FundingSourceDetail> HandleAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(FundingAccess.Readers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await db.FundingSources.AsNoTracking()
            .Include(f => f.Allocations).ThenInclude(a => a.Disbursements)
            .AsSplitQuery()
            .SingleOrDefaultAsync(f => f.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(FundingSource), id);

        var row = new FundingSourceRow(source.Id, source.Name, source.Kind, source.FiscalLevel, source.Grantor, source.FiscalYear,
            source.DocumentNumber, source.Amount, source.Allocated, source.Disbursed);
        // Funding readers are bureau staff and auditors, who read every contract (ContractAccess.Readers).
        var contractIds = source.Allocations.Select(a => a.ContractId).Distinct().ToList();
        var contracts = await db.Contracts.AsNoTracking().Where(c => contractIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.Title })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var allocations = source.Allocations.OrderBy(a => a.Id)
            .Select(a => new AllocationLine(a.Id, a.ContractId, contracts[a.ContractId].Number, contracts[a.ContractId].Title, a.Amount, a.Disbursed, a.Undisbursed)).ToList();
        var disbursements = source.Allocations
            .SelectMany(a => a.Disbursements.Select(d => new DisbursementLine(
                d.Id, a.Id, a.ContractId, contracts[a.ContractId].Number, contracts[a.ContractId].Title, d.VoucherNumber, d.PaidOn, d.Amount)))
            .OrderBy(d => d.PaidOn).ThenBy(d => d.Id).ToList();
        var canManage = FundingAccess.Managers.Split(',').Any(currentUser.IsInRole);
        return new FundingSourceDetail(row, source.ReceivedOn, source.Notes, source.Version, allocations, disbursements, canManage);
    }
}
