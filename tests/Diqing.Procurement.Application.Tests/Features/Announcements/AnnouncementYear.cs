using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Announcements;

/// <summary>
/// A welfare-lottery year (2026) seen from 2027: two welfare-lottery sources (the prefecture's ¥500,000 and the ministry's
/// ¥200,000), a signed contract of ¥300,000 funded ¥200,000 + ¥100,000 from them with its first 30 % paid and its mid-term
/// report approved (people served and an indicator actual), a draft funded from the prefecture's source (never announced),
/// and a fiscal source (not welfare-lottery money).
/// </summary>
internal sealed class AnnouncementYear
{
    public static readonly DateTime Now = ChinaTime.ToUtc(new DateTime(2027, 2, 1, 10, 0, 0));

    private AnnouncementYear(TestApp app, TestClock clock) => (App, Clock) = (app, clock);

    public TestApp App { get; }

    public TestClock Clock { get; }

    public int ContractId { get; private set; }

    public string ContractNumber { get; private set; } = string.Empty;

    public int DraftId { get; private set; }

    public int MidTermMilestoneId { get; private set; }

    public static async Task<AnnouncementYear> CreateAsync()
    {
        var clock = new TestClock(Now);
        var app = await TestApp.CreateAsync(s => s.AddSingleton<TimeProvider>(clock));
        var year = new AnnouncementYear(app, clock);
        await year.SeedAsync();
        return year;
    }

    private async Task SeedAsync()
    {
        var scenario = new ContractScenario(App);
        var agency = await App.AddAgencyAsync();
        var prefecture = await scenario.SourceAsync(500_000m, FundingKind.WelfareLottery, "2026年州本级福彩公益金（测试）");
        var central = await scenario.SourceAsync(200_000m, FundingKind.WelfareLottery, "2026年中央专项彩票公益金（测试）");
        await scenario.SourceAsync(100_000m, FundingKind.Fiscal, "州级财政（测试）");

        ContractId = await scenario.DraftAsync(agency, 300_000m);
        var (midTerm, _) = await scenario.PlanAsync(ContractId);
        MidTermMilestoneId = midTerm;
        var funding = App.As<AllocateContractFundingHandler>(Roles.FinanceOfficer);
        await funding.AllocateAsync(ContractId, prefecture, 200_000m);
        await funding.AllocateAsync(ContractId, central, 100_000m);
        await App.As<ContractTransitions>(Roles.ProcurementOfficer).SignAsync(ContractId, new DateOnly(2026, 1, 5));
        var contract = await App.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(ContractId);
        ContractNumber = contract.Contract.Number;
        var first = contract.Installments.Single(i => i.Sequence == 1);
        await App.As<RecordPaymentHandler>(Roles.FinanceOfficer).HandleAsync(new RecordPaymentCommand(ContractId, first.Id, "记-2026-001", new DateOnly(2026, 1, 20), first.Amount));

        var writer = App.As<WriteReportHandler>(Roles.AgencyUser, agency);
        var report = await writer.OpenAsync(midTerm);
        await writer.SubmitAsync(report.ReportId, report.Version, ReportSamples.Complete()); // 125 people served, 160 home visits
        await App.As<ReviewReportHandler>(Roles.ProcurementOfficer).ApproveAsync(report.ReportId, "同意");

        DraftId = await scenario.DraftAsync(agency, 50_000m);
        await funding.AllocateAsync(DraftId, prefecture, 50_000m);
    }

    /// <summary>Pays the mid-term installment on <paramref name="paidOn"/>.</summary>
    public async Task PayMidTermAsync(DateOnly paidOn)
    {
        var contract = await App.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(ContractId);
        var mid = contract.Installments.Single(i => i.Sequence == 2);
        await App.As<RecordPaymentHandler>(Roles.FinanceOfficer).HandleAsync(new RecordPaymentCommand(ContractId, mid.Id, "记-2027-002", paidOn, mid.Amount));
    }
}
