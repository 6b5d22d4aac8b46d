using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;

namespace Diqing.Procurement.Application.Setup;

/// <summary>
/// Demo data from public reporting on Diqing. Names are real; every code, amount, date and
/// document number is invented and marked as demo.
/// </summary>
public static class DemoData
{
    /// <summary>09:00 China time on 2 January 2026: the first day of the demo's history (see <see cref="Infrastructure.Persistence.SeedClock"/>).</summary>
    public static readonly DateTime YearStartsUtc = new(2026, 1, 2, 1, 0, 0, DateTimeKind.Utc);

    /// <summary>09:00 China time on 3 March 2025: the demo's prior year begins (agencies, its welfare-lottery funds and two projects), so that
    /// its welfare-lottery announcement can be published in 2026 from a year of real history.</summary>
    public static readonly DateTime PriorYearStartsUtc = new(2025, 3, 3, 1, 0, 0, DateTimeKind.Utc);

    public const int PriorYear = 2025;

    /// <summary>The password of every demo account (README). Refused outside demo mode.</summary>
    public const string Password = "Demo@Diqing2026";

    public const string DemoMark = "演示数据（虚构）";

    /// <summary>The TOTP keys (Base32) of the demo accounts that need a second factor (README). Refused outside demo mode.</summary>
    public const string AdminAuthenticatorKey = "DQMZDEMOADMINTOTPKEYREADMEONLYAA";
    public const string FinanceAuthenticatorKey = "DQMZDEMOFINANCETOTPKEYREADMEONLY";

    public static readonly IReadOnlyList<DemoAgency> Agencies =
    [
        new("德钦县社会工作服务中心", "52533422MJD000001F", County.Deqin, "德钦县升平镇（演示地址）", "扎西", "0887-8412001"),
        new("香格里拉市社会服务工作中心", "52533401MJD0000025", County.ShangriLa, "香格里拉市建塘镇（演示地址）", "和丽", "0887-8228002"),
        new("迪庆州社会工作孵化服务中心", "52533400MJD000003R", County.ShangriLa, "香格里拉市建塘镇（演示地址）", "李燕", "0887-8226003"),
    ];

    public static readonly IReadOnlyList<DemoFund> Funds =
    [
        new("2025年州本级福彩公益金（演示）", FundingKind.WelfareLottery, null, null, PriorYear, "迪民发〔2025〕演示1号", 300_000.00m),
        new("2025年中央专项彩票公益金（演示）", FundingKind.WelfareLottery, null, "民政部", PriorYear, "民财〔2025〕演示8号", 200_000.00m),
        new("2026年州本级福彩公益金（社会救助与养老服务）", FundingKind.WelfareLottery, null, null, 2026, "迪民发〔2026〕演示1号", 1_200_000.00m),
        new("2026年州级财政社会工作服务专项资金", FundingKind.Fiscal, FiscalLevel.Prefecture, null, 2026, "迪财社〔2026〕演示2号", 800_000.00m),
        new("活水计划（中国乡村发展基金会）资助", FundingKind.ExternalGrant, null, "中国乡村发展基金会", 2026, "活水〔2026〕演示3号", 300_000.00m),
    ];

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin", "系统管理员（演示）", Roles.Administrator, null, AdminAuthenticatorKey),
        new("procurement", "采购经办人（演示）", Roles.ProcurementOfficer, null),
        new("finance", "财务人员（演示）", Roles.FinanceOfficer, null, FinanceAuthenticatorKey),
        new("agency", "德钦县社工中心用户（演示）", Roles.AgencyUser, "52533422MJD000001F"),
        new("agency2", "香格里拉市社服中心用户（演示）", Roles.AgencyUser, "52533401MJD0000025"),
        new("judge", "评审专家（演示）", Roles.Judge, null),
        new("judge2", "评审专家二（演示）", Roles.Judge, null),
        new("judge3", "评审专家三（演示）", Roles.Judge, null),
        new("auditor", "审计人员（演示）", Roles.Auditor, null),
    ];
}

public sealed record DemoAgency(string Name, string Uscc, County County, string Address, string ContactPerson, string Phone);

public sealed record DemoFund(string Name, FundingKind Kind, FiscalLevel? Level, string? Grantor, int Year, string DocumentNumber, decimal Amount);

/// <param name="AuthenticatorKey">For the roles that need a second factor: a published TOTP key (README), so that a newcomer
/// can add it to any authenticator app (refused outside demo mode like the password).</param>
public sealed record DemoAccount(string UserName, string DisplayName, string Role, string? AgencyUscc, string? AuthenticatorKey = null);
