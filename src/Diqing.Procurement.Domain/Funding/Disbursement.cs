namespace Diqing.Procurement.Domain.Funding;

/// <summary>A payment (支付) against an allocation, with the accounting voucher number (凭证号).</summary>
public class Disbursement
{
    private Disbursement()
    {
        VoucherNumber = string.Empty;
    }

    internal Disbursement(Allocation allocation, string voucherNumber, DateOnly paidOn, decimal amount, int? installmentId)
    {
        Allocation = allocation;
        VoucherNumber = voucherNumber;
        PaidOn = paidOn;
        Amount = amount;
        InstallmentId = installmentId;
    }

    public int Id { get; private set; }

    public int AllocationId { get; private set; }

    public Allocation Allocation { get; private set; } = null!;

    public string VoucherNumber { get; private set; }

    /// <summary>China calendar date of the payment.</summary>
    public DateOnly PaidOn { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>The contract installment this payment settles (set by the contracts feature).</summary>
    public int? InstallmentId { get; private set; }
}
