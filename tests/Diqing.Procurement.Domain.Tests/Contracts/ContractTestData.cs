using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;

namespace Diqing.Procurement.Domain.Tests.Contracts;

internal static class ContractTestData
{
    public static readonly DateOnly Start = new(2026, 1, 1);

    /// <summary>The China date the tests run on: after every date of the test contracts.</summary>
    public static readonly DateOnly Today = new(2026, 12, 20);

    /// <summary>A payment date after the signing (5 January) and the milestone approvals of the tests.</summary>
    public static readonly DateOnly PaidOn = new(2026, 12, 20);

    public static Agency ActiveAgency()
    {
        var agency = new Agency("德钦县社会工作服务中心", "52533422MJD000001F", County.Deqin);
        typeof(Agency).GetProperty(nameof(Agency.Id))!.SetValue(agency, 1);
        return agency;
    }

    public static ContractDetails Details(decimal amount = 100_000m, DateOnly? end = null, string? justification = null, TargetGroup[]? groups = null) => new(
        "独居老人康乐屋", "迪庆州民政局", 1, ProcurementMethod.CompetitiveConsultation, ServiceCategory.SocialIntegration,
        groups ?? [TargetGroup.Elderly], County.Deqin, "升平镇", amount, Start, end ?? new DateOnly(2026, 12, 31), justification, null);

    public static PurchaseContract Draft(decimal amount = 100_000m) =>
        new("DQMZ-2026-0001", 2026, 1, Details(amount), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    /// <summary>A draft with milestones 中期 and 结项 and a 30/40/30 schedule.</summary>
    public static (PurchaseContract Contract, Milestone MidTerm, Milestone Completion) Planned(decimal amount = 100_000m)
    {
        var contract = Draft(amount);
        var midTerm = contract.AddMilestone("中期", new DateOnly(2026, 6, 30), "中期报告");
        var completion = contract.AddMilestone("结项", new DateOnly(2026, 12, 15), "结项报告");
        contract.SetSchedule(
        [
            new InstallmentPlan("首付款", amount * 0.3m, InstallmentCondition.OnSigning, null),
            new InstallmentPlan("中期款", amount * 0.4m, InstallmentCondition.OnMilestoneApproval, midTerm),
            new InstallmentPlan("尾款", amount * 0.3m, InstallmentCondition.OnMilestoneApproval, completion),
        ]);
        return (contract, midTerm, completion);
    }

    public static (PurchaseContract Contract, Milestone MidTerm, Milestone Completion) Signed(decimal amount = 100_000m)
    {
        var planned = Planned(amount);
        planned.Contract.Sign(new DateOnly(2026, 1, 5), ActiveAgency(), new FundingSnapshot(amount, false), Today);
        return planned;
    }

    public static string Code(Action action) => Assert.Throws<DomainException>(action).Code;
}
