using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Dashboard;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Application.Tests.Features.Exports;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Dashboard;

/// <summary>
/// A known database: a Deqin contract (fiscal money, half of its first installment paid, a report waiting for review),
/// a Shangri-La contract for children (welfare-lottery money, its first installment payable), a draft, and last year's fund.
/// </summary>
public sealed class DashboardData : IAsyncLifetime
{
    public static readonly DateTime Now = new(2026, 12, 2, 4, 0, 0, DateTimeKind.Utc);

    public TestApp App { get; private set; } = null!;

    public int Deqin { get; private set; }

    public int ShangriLa { get; private set; }

    public SignedContract First { get; private set; } = null!;

    public int Second { get; private set; }

    public async Task InitializeAsync()
    {
        App = await TestApp.CreateAsync(s => s.AddSingleton<TimeProvider>(new TestClock(Now)));
        var scenario = new ContractScenario(App);
        Deqin = await App.AddAgencyAsync("德钦县社会工作服务中心", "52533422MJD000001F");
        ShangriLa = await App.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025", County.ShangriLa);
        First = await scenario.SignedAsync(Deqin, 100_000.01m, 150_000m);
        await scenario.SourceAsync(80_000m, FundingKind.ExternalGrant, "活水计划（测试）");

        var lottery = await scenario.SourceAsync(60_000m, FundingKind.WelfareLottery, "福彩公益金（测试）");
        var draft = ContractScenario.Draft(ShangriLa, 50_000m, [TargetGroup.Children]);
        draft.County = County.ShangriLa;
        Second = await App.As<SaveContractDraftHandler>(Roles.ProcurementOfficer).HandleAsync(draft);
        await scenario.PlanAsync(Second);
        await App.As<AllocateContractFundingHandler>(Roles.FinanceOfficer).AllocateAsync(Second, lottery, 50_000m);
        await App.As<ContractTransitions>(Roles.ProcurementOfficer).SignAsync(Second, new DateOnly(2026, 1, 5));
        await scenario.DraftAsync(Deqin, 20_000m);

        var detail = await App.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(First.ContractId);
        var installment = detail.Installments.OrderBy(i => i.Sequence).First();
        await App.As<RecordPaymentHandler>(Roles.FinanceOfficer)
            .HandleAsync(new RecordPaymentCommand(First.ContractId, installment.Id, "记-2026-0101", new DateOnly(2026, 3, 20), 10_000m));
        await App.As<RecordPaymentHandler>(Roles.FinanceOfficer)
            .HandleAsync(new RecordPaymentCommand(First.ContractId, installment.Id, "记-2026-0102", new DateOnly(2026, 5, 8), 5_000.5m));

        var form = App.As<WriteReportHandler>(Roles.AgencyUser, Deqin, "deqin-user");
        var report = await form.OpenAsync(First.MidTermMilestoneId);
        await form.SubmitAsync(report.ReportId, report.Version, ReportSamples.Complete());

        await using var db = await App.DbAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE FundingSources SET FiscalYear = 2025 WHERE Name = '活水计划（测试）'");
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public GetDashboardHandler As(string role, int? agencyId = null) => App.As<GetDashboardHandler>(role, agencyId);
}

public sealed class GetDashboardTests(DashboardData data) : IClassFixture<DashboardData>
{
    private async Task<(int Count, decimal Amount, decimal Paid)> ListTotalsAsync(ListContractsQuery filter, string role = Roles.Auditor, int? agencyId = null)
    {
        var page = await data.App.As<ListContractsHandler>(role, agencyId).HandleAsync(filter with { PageSize = PagedQuery.MaxPageSize });
        return (page.TotalCount, page.Items.Sum(r => r.Amount), page.Items.Sum(r => r.Paid));
    }

    private async Task AssertEqualsListAndLedgerAsync(ContractFigure figure, string role = Roles.Auditor, int? agencyId = null)
    {
        var (count, amount, _) = await ListTotalsAsync(figure.Filter, role, agencyId);
        Assert.Equal(count, figure.Count);
        Assert.Equal(amount, figure.Amount);
        if (figure.Count == 0)
        {
            return; // an empty ledger has no totals row
        }

        var (workbook, _) = await LedgerAssert.ExportAsync(data.App, new ContractLedgerRequest(figure.Filter), role, agencyId);
        using var _ = workbook;
        LedgerAssert.TotalIs(workbook.Worksheet(1), "合同金额（元）", figure.Amount);
        LedgerAssert.TotalIs(workbook.Worksheet(1), "项目名称", figure.Count);
    }

    [Fact]
    public async Task The_years_contracted_amount_excludes_drafts_and_equals_the_list_and_the_contract_ledger()
    {
        var view = await data.As(Roles.Auditor).HandleAsync(new GetDashboardQuery());

        Assert.Equal(2026, view.Year);
        var bureau = Assert.IsType<BureauDashboard>(view.Bureau);
        Assert.Equal(2, bureau.Contracted.Count);
        Assert.Equal(150_000.01m, bureau.Contracted.Amount);
        await AssertEqualsListAndLedgerAsync(bureau.Contracted);
        Assert.Null(view.Agency);
        Assert.Contains(2025, view.Years);
    }

    [Fact]
    public async Task Contracts_by_status_county_and_target_group_equal_the_filtered_lists()
    {
        var bureau = (await data.As(Roles.ProcurementOfficer).HandleAsync(new GetDashboardQuery(2026))).Bureau!;

        Assert.Equal(2, bureau.ByStatus.Single(s => s.Key == ContractStatus.Signed).Figure.Count);
        Assert.Equal(20_000m, bureau.ByStatus.Single(s => s.Key == ContractStatus.Draft).Figure.Amount);
        Assert.Equal(50_000m, bureau.ByCounty.Single(c => c.Key == County.ShangriLa).Figure.Amount);
        Assert.Equal(0, bureau.ByCounty.Single(c => c.Key == County.Weixi).Figure.Count);
        Assert.Equal(100_000.01m, bureau.ByTargetGroup.Single(g => g.Key == TargetGroup.Elderly).Figure.Amount);
        Assert.Equal(50_000m, bureau.ByTargetGroup.Single(g => g.Key == TargetGroup.Children).Figure.Amount);
        Assert.Equal(0, bureau.ByTargetGroup.Single(g => g.Key == TargetGroup.Disabled).Figure.Count);
        foreach (var figure in bureau.ByStatus.Concat<object>(bureau.ByCounty).Concat(bureau.ByTargetGroup)
                     .Select(s => s switch
                     {
                         ContractSlice<ContractStatus> x => x.Figure,
                         ContractSlice<County> x => x.Figure,
                         ContractSlice<TargetGroup> x => x.Figure,
                         _ => throw new InvalidOperationException(),
                     }))
        {
            await AssertEqualsListAndLedgerAsync(figure);
        }
    }

    [Fact]
    public async Task Funds_of_the_year_by_kind_and_source_equal_the_funding_list_and_the_fund_ledger()
    {
        var bureau = (await data.As(Roles.FinanceOfficer).HandleAsync(new GetDashboardQuery(2026))).Bureau!;

        Assert.Equal(210_000m, bureau.Funds.Amount);
        Assert.Equal(150_000.01m, bureau.Funds.Allocated);
        Assert.Equal(15_000.5m, bureau.Funds.Paid);
        Assert.Equal(59_999.99m, bureau.Funds.Available);
        Assert.DoesNotContain(bureau.ByKind, k => k.Kind == FundingKind.ExternalGrant); // last year's
        var fiscal = bureau.ByKind.Single(k => k.Kind == FundingKind.Fiscal);
        Assert.Equal(0.15m, fiscal.ExecutionRate);
        Assert.Equal(0m, bureau.ByKind.Single(k => k.Kind == FundingKind.WelfareLottery).ExecutionRate);

        foreach (var figure in bureau.ByKind.Concat(bureau.BySource).Append(bureau.Funds))
        {
            var list = await data.App.As<ListFundingSourcesHandler>(Roles.Auditor).HandleAsync(figure.Filter);
            Assert.Equal((list.Amount, list.Allocated, list.Disbursed), (figure.Amount, figure.Allocated, figure.Paid));
            var (workbook, _) = await LedgerAssert.ExportAsync(data.App, new FundLedgerRequest(figure.Filter), Roles.Auditor);
            using var _ = workbook;
            var summary = workbook.Worksheet("汇总");
            LedgerAssert.TotalIs(summary, "资金金额（元）", figure.Amount);
            LedgerAssert.TotalIs(summary, "已分配（元）", figure.Allocated);
            LedgerAssert.TotalIs(summary, "已支付（元）", figure.Paid);
        }
    }

    [Fact]
    public async Task Payments_by_month_add_up_to_the_years_paid_and_the_disbursement_ledger()
    {
        var bureau = (await data.As(Roles.Auditor).HandleAsync(new GetDashboardQuery(2026))).Bureau!;

        Assert.Equal(12, bureau.PaymentsByMonth.Count);
        Assert.Equal(10_000m, bureau.PaymentsByMonth.Single(m => m.Month == 3).Amount);
        Assert.Equal(5_000.5m, bureau.PaymentsByMonth.Single(m => m.Month == 5).Amount);
        Assert.Equal(bureau.Funds.Paid, bureau.PaymentsByMonth.Sum(m => m.Amount));
        var (workbook, _) = await LedgerAssert.ExportAsync(data.App, new DisbursementLedgerRequest { Funding = bureau.Funds.Filter }, Roles.Auditor);
        using var _ = workbook;
        LedgerAssert.TotalIs(workbook.Worksheet(1), "支付金额（元）", bureau.Funds.Paid);
    }

    [Fact]
    public async Task Waiting_work_equals_the_overdue_list_the_review_queue_and_the_payable_contracts()
    {
        var bureau = (await data.As(Roles.ProcurementOfficer).HandleAsync(new GetDashboardQuery(2026))).Bureau!;

        var overdue = await data.App.As<ListOverdueMilestonesHandler>(Roles.ProcurementOfficer).HandleAsync();
        Assert.Equal(2, bureau.OverdueMilestones); // both mid-terms were due on 2026-06-30
        Assert.Equal(overdue.Count, bureau.OverdueMilestones);
        var queue = await data.App.As<ReviewReportHandler>(Roles.ProcurementOfficer).QueueAsync();
        Assert.Equal(1, bureau.ReportsWaiting);
        Assert.Equal(queue.Count, bureau.ReportsWaiting);
        Assert.True(bureau.ReviewQueueOpen);

        // The first installments of both (the Deqin one part-paid).
        await using var db = await data.App.DbAsync();
        var payable = await db.Installments.Where(i => i.Status == InstallmentStatus.Payable).Select(i => i.Amount - i.PaidAmount).ToListAsync();
        Assert.Equal(2, bureau.Payable.Installments);
        Assert.Equal(payable.Sum(), bureau.Payable.Outstanding);
        Assert.Equal(30_000m + 15_000m - 15_000.5m, bureau.Payable.Outstanding);
        await AssertEqualsListAndLedgerAsync(bureau.Payable.Contracts);
        Assert.False((await data.As(Roles.Auditor).HandleAsync(new GetDashboardQuery(2026))).Bureau!.ReviewQueueOpen);
    }

    [Fact]
    public async Task Another_year_shows_that_years_figures_only()
    {
        var bureau = (await data.As(Roles.Auditor).HandleAsync(new GetDashboardQuery(2025))).Bureau!;

        Assert.Equal(0, bureau.Contracted.Count);
        Assert.Equal(80_000m, bureau.Funds.Amount);
        Assert.Equal(80_000m, bureau.Funds.Available);
        Assert.Null(Assert.Single(bureau.ByKind).ExecutionRate);
    }

    [Fact]
    public async Task An_agency_user_sees_its_own_figures_and_never_the_bureaus()
    {
        var view = await data.As(Roles.AgencyUser, data.ShangriLa).HandleAsync(new GetDashboardQuery(2026));

        Assert.Null(view.Bureau);
        var agency = Assert.IsType<AgencyDashboard>(view.Agency);
        Assert.Equal(1, agency.Contracts.Count);
        Assert.Equal(50_000m, agency.Contracts.Amount);
        Assert.Equal(0m, agency.Received);
        Assert.All(agency.Deadlines, d => Assert.Equal(data.Second, d.ContractId));
        await AssertEqualsListAndLedgerAsync(agency.Contracts, Roles.AgencyUser, data.ShangriLa);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => data.As(Roles.AgencyUser, data.ShangriLa).GetBureauAsync(2026));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => data.As(Roles.Judge).GetAgencyAsync(2026));
    }

    [Fact]
    public async Task The_agencys_payments_received_equal_its_lists_paid_total_and_its_next_deadlines_come_first()
    {
        var agency = (await data.As(Roles.AgencyUser, data.Deqin).HandleAsync(new GetDashboardQuery(2026))).Agency!;

        Assert.Equal(15_000.5m, agency.Received);
        var (count, _, paid) = await ListTotalsAsync(agency.Contracts.Filter, Roles.AgencyUser, data.Deqin);
        Assert.Equal((1, 15_000.5m), (count, paid));
        Assert.Equal(0, agency.ReturnedReports);
        var next = Assert.Single(agency.Deadlines);
        Assert.Equal(data.First.CompletionMilestoneId, next.MilestoneId); // the mid-term's report waits for the bureau
    }
}
