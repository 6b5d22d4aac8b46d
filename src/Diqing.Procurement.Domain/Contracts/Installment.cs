using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Contracts;

/// <summary>One payment of the contract's schedule (付款计划), due on signing or on a milestone's approval.</summary>
public class Installment
{
    private Installment()
    {
        Label = string.Empty;
    }

    internal Installment(int sequence, string label, decimal amount, decimal? percent, InstallmentCondition condition, Milestone? milestone)
    {
        Sequence = sequence;
        Label = label;
        Amount = amount;
        Percent = percent;
        Condition = condition;
        Milestone = milestone;
        Status = InstallmentStatus.Pending;
    }

    public int Id { get; private set; }

    public int ContractId { get; private set; }

    public int Sequence { get; private set; }

    public string Label { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>The share of the contract amount it was planned as, when the officer entered a percentage (null: entered in yuan).</summary>
    public decimal? Percent { get; private set; }

    public InstallmentCondition Condition { get; private set; }

    public int? MilestoneId { get; private set; }

    public Milestone? Milestone { get; private set; }

    public InstallmentStatus Status { get; private set; }

    public decimal PaidAmount { get; private set; }

    public string? WaiverReason { get; private set; }

    /// <summary>R-26: the China date its condition was met (signing, or the approval of its milestone's report); no payment is dated before it.</summary>
    public DateOnly? PayableFrom { get; private set; }

    public decimal Outstanding => Amount - PaidAmount;

    /// <summary>R-16: money may be paid against it now (its condition is met and it is not settled).</summary>
    public bool IsPayable => Status == InstallmentStatus.Payable;

    /// <summary>It may be written off: nothing of it is paid and it is not settled.</summary>
    public bool IsWaivable => Status is InstallmentStatus.Pending or InstallmentStatus.Payable && PaidAmount == 0m;

    internal void MakePayable(DateOnly on)
    {
        if (Status == InstallmentStatus.Pending)
        {
            Status = InstallmentStatus.Payable;
            PayableFrom = on;
        }
    }

    internal void RecordPayment(decimal amount)
    {
        if (!IsPayable)
        {
            throw new DomainException("Installment.NotPayable");
        }

        Money.RequirePositive(amount);
        if (amount > Outstanding)
        {
            throw new DomainException("Installment.OverPaid", Outstanding);
        }

        PaidAmount += amount;
        if (PaidAmount == Amount)
        {
            Status = InstallmentStatus.Paid;
        }
    }

    internal void Waive(string reason)
    {
        if (!IsWaivable)
        {
            throw new DomainException("Installment.CannotWaive");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Installment.WaiverReasonRequired");
        }

        WaiverReason = reason.Trim();
        Status = InstallmentStatus.Waived;
    }
}
