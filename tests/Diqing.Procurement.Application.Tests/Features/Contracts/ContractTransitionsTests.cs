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
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Contracts;

public sealed class ContractTransitionsTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private ContractScenario _scenario = null!;
    private int _agencyId;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _scenario = new ContractScenario(_app);
        _agencyId = await _app.AddAgencyAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<ContractDetail> DetailAsync(int id, string role = Roles.FinanceOfficer) => _app.As<GetContractHandler>(role).HandleAsync(id);

    [Fact]
    public async Task R26_signing_on_the_china_date_of_tomorrow_is_refused_until_china_midnight()
    {
        var clock = new TestClock(new DateTime(2026, 1, 4, 15, 59, 0, DateTimeKind.Utc)); // 23:59 on 4 January in China
        await using var app = await TestApp.CreateAsync(s => s.AddSingleton<TimeProvider>(clock));
        var scenario = new ContractScenario(app);
        var agencyId = await app.AddAgencyAsync();
        var sourceId = await scenario.SourceAsync(100_000m);
        var contractId = await scenario.DraftAsync(agencyId, 100_000m);
        await scenario.PlanAsync(contractId);
        await app.As<AllocateContractFundingHandler>(Roles.FinanceOfficer).AllocateAsync(contractId, sourceId, 100_000m);
        var transitions = app.As<ContractTransitions>(Roles.ProcurementOfficer);

        var ex = await Assert.ThrowsAsync<DomainException>(() => transitions.SignAsync(contractId, new DateOnly(2026, 1, 5)));
        Assert.Equal("Contract.SignedInFuture", ex.Code);
        Assert.Equal(new DateOnly(2026, 1, 4), ex.Arguments[0]);
        Assert.Equal(ContractStatus.Draft, (await app.As<GetContractHandler>(Roles.ProcurementOfficer).HandleAsync(contractId)).Contract.Status);

        clock.UtcNow = clock.UtcNow.AddMinutes(2); // 00:01 on 5 January in China
        await transitions.SignAsync(contractId, new DateOnly(2026, 1, 5));
        var signed = await app.As<GetContractHandler>(Roles.ProcurementOfficer).HandleAsync(contractId);
        Assert.Equal(ContractStatus.Signed, signed.Contract.Status);
        Assert.Equal(new DateOnly(2026, 1, 5), signed.Contract.SignedOn);
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
}
