using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Funding;

/// <summary>
/// A pot of money (资金来源) from which contracts are funded. It owns its allocations and guards
/// R-05 (allocations never exceed the amount) and R-08 (welfare-lottery money only for eligible
/// target groups). <see cref="Version"/> changes with every allocation change: the database
/// refuses a save based on a stale balance.
/// </summary>
public class FundingSource
{
    private readonly List<Allocation> _allocations = [];

    private FundingSource()
    {
        Name = string.Empty;
        DocumentNumber = string.Empty;
    }

    public FundingSource(string name, FundingKind kind, int fiscalYear, string documentNumber, decimal amount)
    {
        Name = NameText.Require(name, "Funding.NameRequired");
        Kind = kind;
        FiscalYear = fiscalYear;
        DocumentNumber = RequireText(documentNumber, "Funding.DocumentNumberRequired");
        Amount = Money.RequirePositive(amount, "Funding.AmountInvalid");
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public FundingKind Kind { get; private set; }

    /// <summary>For fiscal funds: which level of government.</summary>
    public FiscalLevel? FiscalLevel { get; set; }

    /// <summary>For external grants and donations: who gave it.</summary>
    public string? Grantor { get; set; }

    public int FiscalYear { get; private set; }

    /// <summary>文号 of the document that granted the money.</summary>
    public string DocumentNumber { get; private set; }

    public decimal Amount { get; private set; }

    public DateOnly? ReceivedOn { get; set; }

    public string? Notes { get; set; }

    public long Version { get; private set; }

    public IReadOnlyList<Allocation> Allocations => _allocations;

    public decimal Allocated => _allocations.Sum(a => a.Amount);

    public decimal Disbursed => _allocations.Sum(a => a.Disbursed);

    public decimal Available => Amount - Allocated;

    public void Describe(string name, FundingKind kind, int fiscalYear, string documentNumber)
    {
        Name = NameText.Require(name, "Funding.NameRequired");
        Kind = kind;
        FiscalYear = fiscalYear;
        DocumentNumber = RequireText(documentNumber, "Funding.DocumentNumberRequired");
        Version++;
    }

    /// <summary>Changes the amount; never below what is already allocated.</summary>
    public void ChangeAmount(decimal amount)
    {
        Money.RequirePositive(amount, "Funding.AmountInvalid");
        if (amount < Allocated)
        {
            throw new DomainException("Funding.AmountBelowAllocated", Allocated);
        }

        Amount = amount;
        Version++;
    }

    /// <summary>
    /// Earmarks part of this source for a contract. Money of one fiscal year funds a contract running in
    /// another only with a recorded reason (<paramref name="fiscalYearReason"/>).
    /// </summary>
    public Allocation Allocate(int contractId, decimal amount, IReadOnlyCollection<TargetGroup> contractTargetGroups, ContractYears contractYears, string? fiscalYearReason = null)
    {
        Money.RequirePositive(amount, "Funding.AmountInvalid");
        var outsideYear = !contractYears.Covers(FiscalYear);
        if (outsideYear && string.IsNullOrWhiteSpace(fiscalYearReason))
        {
            throw new DomainException("Funding.FiscalYearReasonRequired", FiscalYear, contractYears.First, contractYears.Last);
        }

        if (Kind == FundingKind.WelfareLottery && !TargetGroupsRules.WelfareLotteryEligible(contractTargetGroups))
        {
            throw new DomainException("Funding.WelfareLotteryNotEligible");
        }

        EnsureAvailable(amount);
        var allocation = new Allocation(this, contractId, amount, outsideYear ? fiscalYearReason!.Trim() : null);
        _allocations.Add(allocation);
        Version++;
        return allocation;
    }

    /// <summary>Changes an allocation's amount: not above what the source has, not below what is paid.</summary>
    public void ChangeAllocation(Allocation allocation, decimal amount, string? reason = null)
    {
        var own = Own(allocation);
        Money.RequirePositive(amount, "Funding.AmountInvalid");
        if (amount < own.Disbursed)
        {
            throw new DomainException("Funding.AllocationBelowDisbursed", own.Disbursed);
        }

        EnsureAvailable(amount - own.Amount);
        own.SetAmount(amount, reason);
        Version++;
    }

    /// <summary>Removes an allocation that has no payments.</summary>
    public void RemoveAllocation(Allocation allocation)
    {
        var own = Own(allocation);
        if (own.Disbursements.Count > 0)
        {
            throw new DomainException("Funding.AllocationHasDisbursements");
        }

        _allocations.Remove(own);
        Version++;
    }

    /// <summary>Records a payment against one of this source's allocations .</summary>
    public Disbursement Disburse(Allocation allocation, string voucherNumber, DateOnly paidOn, decimal amount, int? installmentId = null)
    {
        var disbursement = Own(allocation).Disburse(voucherNumber, paidOn, amount, installmentId);
        Version++;
        return disbursement;
    }

    private Allocation Own(Allocation allocation) =>
        _allocations.Contains(allocation) ? allocation : throw new DomainException("Funding.AllocationNotOfSource");

    private void EnsureAvailable(decimal extra)
    {
        if (extra > Available)
        {
            throw new DomainException("Funding.Overallocated", Available);
        }
    }

    private static string RequireText(string value, string code) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException(code) : value.Trim();
}
