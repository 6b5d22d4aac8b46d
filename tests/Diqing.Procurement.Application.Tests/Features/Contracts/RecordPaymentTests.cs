using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
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

/// <summary>R-27 on every provider: one voucher number entered at once for payments on two contracts is kept once.</summary>
public sealed class RecordPaymentVoucherTests
{
    [Theory]
    [ClassData(typeof(DatabaseProviders))]
    public async Task R27_one_voucher_entered_at_once_on_two_contracts_is_kept_once(DatabaseProvider provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var scenario = new ContractScenario(app);
        var agencyId = await app.AddAgencyAsync();
        var contracts = new[] { await scenario.SignedAsync(agencyId, 10_000m), await scenario.SignedAsync(agencyId, 10_000m) };
        var payable = new List<(int ContractId, InstallmentView Installment)>();
        foreach (var contract in contracts)
        {
            var view = await app.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(contract.ContractId);
            payable.Add((contract.ContractId, view.Installments.First(i => i.CanPay)));
        }

        // Two finance officers, each on an instance of its own where the database allows several; the second types the
        // number with full-width digits, which NFKC makes the same voucher.
        string[] typed = ["迪民记〔2026〕0101号", "迪民记〔２０２６〕０１０１号"];
        var instances = app.Instances(2);
        var outcomes = await AtOnce.RunAsync(payable.Select((p, i) =>
        {
            var handler = instances[i].As<RecordPaymentHandler>(Roles.FinanceOfficer, userName: $"finance-{i}");
            return (Func<Task<string>>)(async () =>
            {
                try
                {
                    await handler.HandleAsync(new RecordPaymentCommand(p.ContractId, p.Installment.Id, typed[i], new DateOnly(2026, 1, 10), p.Installment.Amount));
                    return "ok";
                }
                catch (DomainException ex)
                {
                    return ex.Code;
                }
            });
        }));

        Assert.Equal(["Payment.VoucherUsed", "ok"], outcomes.OrderBy(o => o == "ok"));
        await using var db = await app.DbAsync();
        Assert.Equal(1, await db.Disbursements.Select(d => d.InstallmentId).Distinct().CountAsync());
        Assert.Equal(1, await db.PaymentVouchers.CountAsync());
    }
}
