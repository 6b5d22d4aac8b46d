using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

/// <summary>A payment of a payable installment. Without <see cref="Split"/>, the amount is split across the
/// contract's allocations in proportion to their undisbursed amounts (cent remainder on the largest).</summary>
public sealed record RecordPaymentCommand(
    int ContractId, int InstallmentId, string VoucherNumber, DateOnly PaidOn, decimal Amount, IReadOnlyDictionary<int, decimal>? Split = null);

/// <summary>
/// Records a payment: R-06 per allocation, R-26 (its date is real: not in the future, not before signing or before the
/// installment became payable), R-27 (its voucher number identifies one payment, also under concurrent entry).
/// </summary>
public sealed class RecordPaymentHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task HandleAsync(RecordPaymentCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ContractAccess.Payers);
        Money.RequirePositive(command.Amount);
        var voucher = PaymentVoucher.Normalize(command.VoucherNumber);
        if (voucher.Length > PaymentVoucher.MaxLength)
        {
            throw new DomainException("Common.TooLong", PaymentVoucher.MaxLength);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await ContractAccess.LoadForChangeAsync(db, command.ContractId, currentUser, cancellationToken);
        var installment = contract.Installments.SingleOrDefault(i => i.Id == command.InstallmentId)
            ?? throw new NotFoundException(nameof(Installment), command.InstallmentId);
        var now = clock.GetUtcNow().UtcDateTime;
        contract.RecordPayment(installment, command.Amount, command.PaidOn, ChinaTime.DateOf(now));
        await RequireUnusedAsync(db, voucher, cancellationToken);
        db.PaymentVouchers.Add(new PaymentVoucher(command.VoucherNumber, contract.Id, installment.Id, command.PaidOn, now));

        var sourceIds = await db.Allocations.Where(a => a.ContractId == contract.Id).Select(a => a.FundingSourceId).Distinct().ToListAsync(cancellationToken);
        var sources = new List<Domain.Funding.FundingSource>();
        foreach (var id in sourceIds)
        {
            sources.Add(await AllocateContractFundingHandler.LoadSourceAsync(db, id, cancellationToken));
        }

        var allocations = sources.SelectMany(s => s.Allocations.Where(a => a.ContractId == contract.Id).Select(a => (Source: s, Allocation: a))).ToList();
        var split = command.Split ?? PaymentSplit.Proportional(command.Amount, allocations.ToDictionary(x => x.Allocation.Id, x => x.Allocation.Undisbursed));
        if (split.Values.Sum() != command.Amount || split.Keys.Any(k => allocations.All(x => x.Allocation.Id != k)))
        {
            throw new DomainException("Payment.SplitInvalid");
        }

        foreach (var (allocationId, part) in split.Where(p => p.Value != 0m))
        {
            var (source, allocation) = allocations.Single(x => x.Allocation.Id == allocationId);
            source.Disburse(allocation, command.VoucherNumber, command.PaidOn, part, installment.Id); // R-06 per allocation
        }

        try
        {
            await db.SaveOrRefuseAsync("Contract.ChangedByOthers", cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // Someone recorded the same voucher at the same moment: the unique index kept theirs.
            if (await IsUsedAsync(voucher))
            {
                throw new DomainException("Payment.VoucherUsed", command.VoucherNumber.Trim());
            }

            throw;
        }
    }

    private static async Task RequireUnusedAsync(ProcurementDbContext db, string voucher, CancellationToken cancellationToken)
    {
        if (await db.PaymentVouchers.AnyAsync(v => v.NormalizedNumber == voucher, cancellationToken))
        {
            throw new DomainException("Payment.VoucherUsed", voucher);
        }
    }

    private async Task<bool> IsUsedAsync(string voucher)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.PaymentVouchers.AnyAsync(v => v.NormalizedNumber == voucher);
    }
}

public static class PaymentSplit
{
    /// <summary>Splits an amount in proportion to what each allocation still has, in cents, exactly.</summary>
    public static IReadOnlyDictionary<int, decimal> Proportional(decimal amount, IReadOnlyDictionary<int, decimal> undisbursed)
    {
        var available = undisbursed.Values.Sum();
        if (available < amount || available <= 0m)
        {
            throw new DomainException("Funding.OverDisbursed", available);
        }

        var parts = undisbursed.ToDictionary(p => p.Key, p => decimal.Round(amount * p.Value / available, 2, MidpointRounding.ToZero));
        var remainder = amount - parts.Values.Sum();
        foreach (var key in undisbursed.OrderByDescending(p => p.Value - parts[p.Key]).Select(p => p.Key))
        {
            if (remainder == 0m)
            {
                break;
            }

            var room = Math.Min(remainder, undisbursed[key] - parts[key]);
            parts[key] += room;
            remainder -= room;
        }

        return parts;
    }
}
