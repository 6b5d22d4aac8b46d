using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Funding;

public sealed record AllocateFundsCommand(int FundingSourceId, int ContractId, decimal Amount, IReadOnlyCollection<TargetGroup> ContractTargetGroups);

public sealed record DisburseFundsCommand(int AllocationId, string VoucherNumber, DateOnly PaidOn, decimal Amount, int? InstallmentId = null);

/// <summary>
/// The write path of the money model: earmarking a source for a contract and paying against an
/// allocation. The rules are the domain's; concurrency is the source's token.
/// </summary>
public sealed class FundingLedgerHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<int> AllocateAsync(AllocateFundsCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(FundingAccess.Allocators);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await LoadAsync(db, command.FundingSourceId, cancellationToken);
        var allocation = source.Allocate(command.ContractId, command.Amount, command.ContractTargetGroups);
        await FundingConcurrency.SaveAsync(db, cancellationToken);
        return allocation.Id;
    }

    public async Task<int> DisburseAsync(DisburseFundsCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(FundingAccess.Managers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sourceId = await db.Allocations.Where(a => a.Id == command.AllocationId).Select(a => (int?)a.FundingSourceId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(nameof(Allocation), command.AllocationId);
        var source = await LoadAsync(db, sourceId, cancellationToken);
        var disbursement = source.Disburse(source.Allocations.Single(a => a.Id == command.AllocationId), command.VoucherNumber, command.PaidOn, command.Amount, command.InstallmentId);
        await FundingConcurrency.SaveAsync(db, cancellationToken);
        return disbursement.Id;
    }

    internal static async Task<FundingSource> LoadAsync(ProcurementDbContext db, int id, CancellationToken cancellationToken) =>
        await db.FundingSources.Include(f => f.Allocations).ThenInclude(a => a.Disbursements).AsSplitQuery()
            .SingleOrDefaultAsync(f => f.Id == id, cancellationToken)
        ?? throw new NotFoundException(nameof(FundingSource), id);
}
