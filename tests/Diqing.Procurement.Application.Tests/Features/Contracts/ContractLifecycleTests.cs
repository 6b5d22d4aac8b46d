using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using FluentValidation;

namespace Diqing.Procurement.Application.Tests.Features.Contracts;

public sealed class ContractLifecycleTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private ContractScenario _scenario = null!;
    private int _agencyId;
    private int _otherAgencyId;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _scenario = new ContractScenario(_app);
        _agencyId = await _app.AddAgencyAsync();
        _otherAgencyId = await _app.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<ContractDetail> DetailAsync(int id, string role = Roles.FinanceOfficer) => _app.As<GetContractHandler>(role).HandleAsync(id);

    [Theory]
    [InlineData(false, Roles.ProcurementOfficer, "Sign,EditDraft,AdjustFunding,ChangeDocuments")]
    [InlineData(false, Roles.FinanceOfficer, "AdjustFunding")]
    [InlineData(false, Roles.Auditor, "")]
    [InlineData(true, Roles.ProcurementOfficer, "Start,Suspend,Terminate,ApproveMilestoneReport,WaiveInstallment,ChangeDocuments")]
    [InlineData(true, Roles.FinanceOfficer, "RecordPayment,WaiveInstallment,AdjustFunding")]
    [InlineData(true, Roles.Administrator, "Start,Suspend,Terminate,ApproveMilestoneReport,RecordPayment,WaiveInstallment,AdjustFunding,ChangeDocuments")]
    [InlineData(true, Roles.Auditor, "")]
    public async Task The_contract_offers_what_its_status_allows_and_the_role_may_do(bool signed, string role, string expected)
    {
        var contractId = signed ? (await _scenario.SignedAsync(_agencyId, 100_000m)).ContractId : await _scenario.DraftAsync(_agencyId, 100_000m);

        var actions = (await DetailAsync(contractId, role)).Actions;

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), actions.Allowed.Order().Select(a => a.ToString()));
        Assert.Equal(signed, actions.FundingNeedsReason);
    }

    [Fact]
    public async Task The_agencys_own_user_is_offered_nothing()
    {
        var contractId = (await _scenario.SignedAsync(_agencyId, 100_000m)).ContractId;

        var actions = (await _app.As<GetContractHandler>(Roles.AgencyUser, _agencyId).HandleAsync(contractId)).Actions;

        Assert.Empty(actions.Allowed);
    }

    [Fact]
    public async Task Draft_fund_schedule_sign_pay_the_figures_match_the_funding_pages()
    {
        var fiscal = await _scenario.SourceAsync(80_000m);
        var grant = await _scenario.SourceAsync(50_000m, FundingKind.ExternalGrant, "活水计划（测试）");
        var contractId = await _scenario.DraftAsync(_agencyId, 100_000.01m);
        var (midTerm, _) = await _scenario.PlanAsync(contractId);
        var funding = _app.As<AllocateContractFundingHandler>(Roles.ProcurementOfficer);
        await funding.AllocateAsync(contractId, fiscal, 60_000m);
        await funding.AllocateAsync(contractId, grant, 40_000.01m);
        var lifecycle = _app.As<ContractTransitions>(Roles.ProcurementOfficer);
        await lifecycle.SignAsync(contractId, new DateOnly(2026, 1, 5));
        await lifecycle.StartAsync(contractId);

        var signed = await DetailAsync(contractId);
        Assert.Equal([30_000m, 40_000m, 30_000.01m], signed.Installments.Select(i => i.Amount));
        var first = signed.Installments[0];
        await _app.As<RecordPaymentHandler>(Roles.FinanceOfficer).HandleAsync(new RecordPaymentCommand(contractId, first.Id, "记-2026-0001", new DateOnly(2026, 1, 20), first.Amount));

        var paid = await DetailAsync(contractId);
        Assert.Equal(30_000m, paid.Paid);
        Assert.Equal(70_000.01m, paid.Unpaid);
        Assert.Equal(InstallmentStatus.Paid, paid.Installments[0].Status);
        var overview = await _app.As<ListFundingSourcesHandler>(Roles.Auditor).HandleAsync(new ListFundingSourcesQuery());
        foreach (var line in paid.Allocations)
        {
            var source = overview.Sources.Single(s => s.Id == line.FundingSourceId);
            Assert.Equal(line.Amount, source.Allocated);
            Assert.Equal(line.Disbursed, source.Disbursed);
        }

        // Proportional split of 30,000 over 60,000 and 40,000.01 undisbursed.
        Assert.Equal(30_000m, paid.Allocations.Sum(a => a.Disbursed));
        Assert.InRange(paid.Allocations.Single(a => a.FundingSourceId == fiscal).Disbursed, 17_999.99m, 18_000.01m);

        // R-16 through the application layer: approving the mid-term report makes the 40 % payable.
        await lifecycle.ApproveMilestoneReportAsync(contractId, midTerm);
        Assert.Equal(InstallmentStatus.Payable, (await DetailAsync(contractId)).Installments[1].Status);
        Assert.Contains((await DetailAsync(contractId, Roles.Auditor)).History, h => h.EntityType == nameof(PurchaseContract) && h.Changes.Contains("Signed"));
    }

    [Fact]
    public async Task A_suspended_agency_cannot_sign_new_contracts()
    {
        var sourceId = await _scenario.SourceAsync(1_000m);
        var contractId = await _scenario.DraftAsync(_agencyId, 1_000m);
        await _scenario.PlanAsync(contractId);
        await _app.As<AllocateContractFundingHandler>(Roles.FinanceOfficer).AllocateAsync(contractId, sourceId, 1_000m);
        await _app.As<ChangeAgencyStatusHandler>(Roles.ProcurementOfficer).SuspendAsync(_agencyId);

        var ex = await Assert.ThrowsAsync<DomainException>(() => _app.As<ContractTransitions>(Roles.ProcurementOfficer).SignAsync(contractId, new DateOnly(2026, 1, 5)));

        Assert.Equal("Agency.Suspended", ex.Code);
        Assert.Equal(ContractStatus.Draft, (await DetailAsync(contractId)).Contract.Status);
        await Assert.ThrowsAsync<DomainException>(() => _scenario.DraftAsync(_agencyId, 10m));
    }

    [Fact]
    public async Task After_signing_only_finance_adjusts_funding_with_a_reason_and_never_below_what_is_paid()
    {
        var signed = await _scenario.SignedAsync(_agencyId, 10_000m, sourceAmount: 20_000m);
        var detail = await DetailAsync(signed.ContractId);
        var allocation = detail.Allocations.Single();
        await _app.As<RecordPaymentHandler>(Roles.FinanceOfficer).HandleAsync(
            new RecordPaymentCommand(signed.ContractId, detail.Installments[0].Id, "记-1", new DateOnly(2026, 2, 1), 3_000m));

        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            _app.As<AllocateContractFundingHandler>(Roles.ProcurementOfficer).ChangeAsync(signed.ContractId, allocation.Id, 12_000m, "追加"));
        var finance = _app.As<AllocateContractFundingHandler>(Roles.FinanceOfficer);
        Assert.Equal("Funding.AdjustmentReasonRequired", (await Assert.ThrowsAsync<DomainException>(() => finance.ChangeAsync(signed.ContractId, allocation.Id, 12_000m, null))).Code);
        Assert.Equal("Funding.AllocationBelowDisbursed", (await Assert.ThrowsAsync<DomainException>(() => finance.ChangeAsync(signed.ContractId, allocation.Id, 2_999.99m, "核减"))).Code);

        await finance.ChangeAsync(signed.ContractId, allocation.Id, 12_000m, "追加服务人次，经局务会研究同意");
        var after = (await DetailAsync(signed.ContractId)).Allocations.Single();
        Assert.Equal(12_000m, after.Amount);
        Assert.Equal("追加服务人次，经局务会研究同意", after.AdjustmentReason);
    }

    [Fact]
    public async Task R01_agency_users_see_only_their_agencys_contracts_and_change_nothing()
    {
        var own = await _scenario.DraftAsync(_agencyId, 1_000m);
        var other = await _scenario.DraftAsync(_otherAgencyId, 2_000m);

        var list = await _app.As<ListContractsHandler>(Roles.AgencyUser, agencyId: _agencyId).HandleAsync(new ListContractsQuery());
        Assert.Equal(own, Assert.Single(list.Items).Id);
        Assert.Equal(1_000m, (await _app.As<GetContractHandler>(Roles.AgencyUser, agencyId: _agencyId).HandleAsync(own)).Contract.Amount);
        await Assert.ThrowsAsync<NotFoundException>(() => _app.As<GetContractHandler>(Roles.AgencyUser, agencyId: _agencyId).HandleAsync(other));

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<ContractTransitions>(Roles.AgencyUser, agencyId: _agencyId).SignAsync(own, default));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            _app.As<SaveContractDraftHandler>(Roles.AgencyUser, agencyId: _agencyId).HandleAsync(ContractScenario.Draft(_agencyId, 1m)));
        Assert.Empty((await _app.As<GetContractHandler>(Roles.AgencyUser, agencyId: _agencyId).HandleAsync(own)).History);
    }

    [Fact]
    public async Task Judges_read_no_contracts() =>
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<ListContractsHandler>(Roles.Judge).HandleAsync(new ListContractsQuery()));

    [Fact]
    public async Task The_list_filters_by_status_funding_kind_and_text_and_sorts_by_amount()
    {
        var signed = await _scenario.SignedAsync(_agencyId, 5_000m);
        await _scenario.DraftAsync(_otherAgencyId, 9_000m);
        var list = _app.As<ListContractsHandler>(Roles.Auditor);

        Assert.Equal(signed.ContractId, Assert.Single((await list.HandleAsync(new ListContractsQuery { Status = ContractStatus.Signed })).Items).Id);
        Assert.Equal(signed.ContractId, Assert.Single((await list.HandleAsync(new ListContractsQuery { FundingKind = FundingKind.Fiscal })).Items).Id);
        Assert.Single((await list.HandleAsync(new ListContractsQuery { Search = "香格里拉" })).Items);
        Assert.Equal([9_000m, 5_000m], (await list.HandleAsync(new ListContractsQuery { Sort = ContractSort.AmountDescending })).Items.Select(c => c.Amount));
    }

    [Fact]
    public async Task An_agency_with_contracts_cannot_be_deleted_and_shows_its_evaluations()
    {
        var signed = await _scenario.SignedAsync(_otherAgencyId, 1_000m);
        var lifecycle = _app.As<ContractTransitions>(Roles.ProcurementOfficer);
        await lifecycle.StartAsync(signed.ContractId);
        await lifecycle.ApproveMilestoneReportAsync(signed.ContractId, signed.MidTermMilestoneId);
        await lifecycle.ApproveMilestoneReportAsync(signed.ContractId, signed.CompletionMilestoneId);
        await lifecycle.AcceptAsync(signed.ContractId);
        await lifecycle.EvaluateAsync(signed.ContractId, 86m, new DateOnly(2027, 1, 10), "良好");

        var ex = await Assert.ThrowsAsync<DomainException>(() => _app.As<ChangeAgencyStatusHandler>(Roles.Administrator).DeleteAsync(_otherAgencyId));
        Assert.Equal("Agency.InUseSuspendInstead", ex.Code);
        var agency = await _app.As<GetAgencyHandler>(Roles.Auditor).HandleAsync(_otherAgencyId);
        var row = Assert.Single(agency.Contracts);
        Assert.Equal(86m, row.EvaluationScore);
        Assert.Equal(EvaluationGrade.Good, PerformanceEvaluation.GradeOf(row.EvaluationScore!.Value));
    }

    [Fact]
    public async Task A_term_over_one_year_without_justification_is_refused_in_the_language_of_the_user()
    {
        using var _ = new CultureScope("zh-CN");
        var command = ContractScenario.Draft(_agencyId, 1_000m, end: new DateOnly(2027, 6, 30));

        var ex = await Assert.ThrowsAsync<ValidationException>(() => _app.As<SaveContractDraftHandler>(Roles.ProcurementOfficer).HandleAsync(command));

        Assert.Contains(ex.Errors, e => e.ErrorMessage.Contains("超过 1 年"));
    }
}
