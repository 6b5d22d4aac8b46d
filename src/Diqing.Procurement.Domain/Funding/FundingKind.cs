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
