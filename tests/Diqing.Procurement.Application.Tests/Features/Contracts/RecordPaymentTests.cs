using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Contracts;

public sealed class RecordPaymentTests : IAsyncLifetime
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

    private AllocateContractFundingHandler Funding(string role = Roles.FinanceOfficer) => _app.As<AllocateContractFundingHandler>(role);

    [Fact]
    public async Task R06_a_payment_split_cannot_exceed_an_allocation()
    {
        var big = await _scenario.SourceAsync(700m);
        var small = await _scenario.SourceAsync(100m);
        var contractId = await _scenario.DraftAsync(_agencyId, 800m);
        await _scenario.PlanAsync(contractId);
        await Funding().AllocateAsync(contractId, big, 700m);
        var smallAllocation = await Funding().AllocateAsync(contractId, small, 100m);
        await _app.As<ContractTransitions>(Roles.ProcurementOfficer).SignAsync(contractId, new DateOnly(2026, 1, 5));
        var first = (await _app.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(contractId)).Installments.Single(i => i.Sequence == 1);

        var ex = await Assert.ThrowsAsync<DomainException>(() => _app.As<RecordPaymentHandler>(Roles.FinanceOfficer).HandleAsync(
            new RecordPaymentCommand(contractId, first.Id, "记-1", new DateOnly(2026, 1, 10), 240m, new Dictionary<int, decimal> { [smallAllocation] = 240m })));

        Assert.Equal("Funding.OverDisbursed", ex.Code);
        await using var db = await _app.DbAsync();
        Assert.Equal(0, await db.Disbursements.CountAsync());
        Assert.Equal(InstallmentStatus.Payable, (await db.Installments.SingleAsync(i => i.Id == first.Id)).Status);
    }
}
