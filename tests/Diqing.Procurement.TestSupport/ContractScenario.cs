using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;

namespace Diqing.Procurement.TestSupport;

/// <summary>Builds contracts the way users do, through the application handlers, for tests that need one.</summary>
public sealed class ContractScenario(TestApp app)
{
    public static readonly DateOnly Start = new(2026, 1, 1);
    public static readonly DateOnly End = new(2026, 12, 31);

    public async Task<int> SourceAsync(decimal amount, FundingKind kind = FundingKind.Fiscal, string name = "测试资金") =>
        await app.As<SaveFundingSourceHandler>(Roles.FinanceOfficer).HandleAsync(new SaveFundingSourceCommand
        {
            Name = name, Kind = kind, FiscalLevel = kind == FundingKind.Fiscal ? FiscalLevel.Prefecture : null,
            Grantor = kind == FundingKind.ExternalGrant ? "中国乡村发展基金会" : null,
            FiscalYear = 2026, DocumentNumber = "测〔2026〕" + Guid.NewGuid().ToString("N")[..4], Amount = amount,
        });

    public static SaveContractDraftCommand Draft(int agencyId, decimal amount, IEnumerable<TargetGroup>? groups = null, DateOnly? end = null, string? justification = null) => new()
    {
        Title = "困难群众骨病救助服务项目（测试）",
        PurchasingUnit = "迪庆州民政局",
        AgencyId = agencyId,
        Method = ProcurementMethod.CompetitiveConsultation,
        Category = ServiceCategory.ResourceLinking,
        TargetGroups = (groups ?? [TargetGroup.PeopleInDifficulty, TargetGroup.Elderly]).ToList(),
        County = County.Deqin,
        Townships = "升平镇、奔子栏镇",
        Amount = amount,
        StartOn = Start.ToDateTime(TimeOnly.MinValue),
        EndOn = (end ?? End).ToDateTime(TimeOnly.MinValue),
        TermJustification = justification,
        Indicators = [new IndicatorInput { Name = "入户探访", Unit = "人次", Target = 300 }],
    };

    public Task<int> DraftAsync(int agencyId, decimal amount, IEnumerable<TargetGroup>? groups = null) =>
        app.As<SaveContractDraftHandler>(Roles.ProcurementOfficer).HandleAsync(Draft(agencyId, amount, groups));

    /// <summary>A 30/40/30 schedule: on signing, on the mid-term milestone, on the completion milestone.</summary>
    public async Task<(int MidTerm, int Completion)> PlanAsync(int contractId)
    {
        var plan = app.As<ChangeContractPlanHandler>(Roles.ProcurementOfficer);
        var midTerm = await plan.AddMilestoneAsync(new AddMilestoneCommand(contractId, "中期", new DateOnly(2026, 6, 30), "中期报告、服务台账"));
        var completion = await plan.AddMilestoneAsync(new AddMilestoneCommand(contractId, "结项", new DateOnly(2026, 12, 15), "结项报告"));
        await plan.SetScheduleAsync(contractId,
        [
            new InstallmentInput("首付款", null, 30m, InstallmentCondition.OnSigning, null),
            new InstallmentInput("中期款", null, 40m, InstallmentCondition.OnMilestoneApproval, midTerm),
            new InstallmentInput("尾款", null, 30m, InstallmentCondition.OnMilestoneApproval, completion),
        ]);
        return (midTerm, completion);
    }

    /// <summary>A signed contract of <paramref name="amount"/>, fully funded from one new source.</summary>
    public async Task<SignedContract> SignedAsync(int agencyId, decimal amount, decimal sourceAmount = 0m)
    {
        var sourceId = await SourceAsync(sourceAmount == 0m ? amount : sourceAmount);
        var contractId = await DraftAsync(agencyId, amount);
        var (midTerm, completion) = await PlanAsync(contractId);
        await app.As<AllocateContractFundingHandler>(Roles.FinanceOfficer).AllocateAsync(contractId, sourceId, amount);
        await app.As<ContractTransitions>(Roles.ProcurementOfficer).SignAsync(contractId, new DateOnly(2026, 1, 5));
        return new SignedContract(contractId, sourceId, midTerm, completion);
    }
}

public sealed record SignedContract(int ContractId, int SourceId, int MidTermMilestoneId, int CompletionMilestoneId);
