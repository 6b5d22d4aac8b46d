using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Funding;

/// <summary>Part of a funding source earmarked for one contract (分配). Changed only through its source.</summary>
public class Allocation
{
    private readonly List<Disbursement> _disbursements = [];

    private Allocation()
    {
    }

    internal Allocation(FundingSource source, int contractId, decimal amount, string? fiscalYearReason)
    {
        FundingSource = source;
        ContractId = contractId;
        Amount = amount;
        FiscalYearReason = fiscalYearReason;
    }

    public int Id { get; private set; }

    public int FundingSourceId { get; private set; }

    public FundingSource FundingSource { get; private set; } = null!;

    public int ContractId { get; private set; }

    public decimal Amount { get; private set; }

    public IReadOnlyList<Disbursement> Disbursements => _disbursements;

    public decimal Disbursed => _disbursements.Sum(d => d.Amount);

    public decimal Undisbursed => Amount - Disbursed;

    /// <summary>Why money of the source's fiscal year funds a contract that does not run in that year (null when it does).</summary>
    public string? FiscalYearReason { get; private set; }

    /// <summary>Why the amount was last changed after the contract was signed.</summary>
    public string? AdjustmentReason { get; private set; }

    internal void SetAmount(decimal amount, string? reason)
    {
        Amount = amount;
        AdjustmentReason = string.IsNullOrWhiteSpace(reason) ? AdjustmentReason : reason.Trim();
    }

    internal Disbursement Disburse(string voucherNumber, DateOnly paidOn, decimal amount, int? installmentId)
    {
        Money.RequirePositive(amount, "Funding.AmountInvalid");
        if (string.IsNullOrWhiteSpace(voucherNumber))
        {
            throw new DomainException("Funding.VoucherRequired");
        }

        if (amount > Undisbursed)
        {
            throw new DomainException("Funding.OverDisbursed", Undisbursed);
        }

        var disbursement = new Disbursement(this, voucherNumber.Trim(), paidOn, amount, installmentId);
        _disbursements.Add(disbursement);
        return disbursement;
    }
}
