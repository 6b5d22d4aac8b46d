using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Funding;

/// <summary>A pot of money (资金来源) from which contracts are funded. Amounts are CNY with 2 decimals.</summary>
public class FundingSource
{
    private FundingSource()
    {
        Name = string.Empty;
        DocumentNumber = string.Empty;
    }

    public FundingSource(string name, FundingKind kind, int fiscalYear, string documentNumber, decimal amount)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Funding.NameRequired");
        }

        if (amount <= 0m || decimal.Round(amount, 2) != amount)
        {
            throw new DomainException("Funding.AmountInvalid");
        }

        Name = name.Trim();
        Kind = kind;
        FiscalYear = fiscalYear;
        DocumentNumber = documentNumber.Trim();
        Amount = amount;
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
}
