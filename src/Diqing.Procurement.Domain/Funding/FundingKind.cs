namespace Diqing.Procurement.Domain.Funding;

public enum FundingKind
{
    /// <summary>福彩公益金</summary>
    WelfareLottery = 1,

    /// <summary>财政资金</summary>
    Fiscal = 2,

    /// <summary>External grant, e.g. 活水计划.</summary>
    ExternalGrant = 3,

    /// <summary>慈善捐赠</summary>
    Donation = 4,
}

public enum FiscalLevel
{
    Central = 1,
    Provincial = 2,
    Prefecture = 3,
    County = 4,
}

/// <summary>The calendar years a contract runs in, from its start to its end date.</summary>
public readonly record struct ContractYears(int First, int Last)
{
    public static ContractYears Of(DateOnly start, DateOnly end) => new(start.Year, end.Year);

    public bool Covers(int fiscalYear) => fiscalYear >= First && fiscalYear <= Last;
}
