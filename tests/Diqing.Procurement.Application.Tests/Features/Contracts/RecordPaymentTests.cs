using System.Data.Common;
using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Contracts;

public sealed class RecordPaymentTests : IAsyncLifetime
{
    /// <summary>23:59 on 30 June 2026 in China (UTC+8).</summary>
    private static readonly DateTime JustBeforeChinaMidnight = new(2026, 6, 30, 15, 59, 0, DateTimeKind.Utc);

    private static readonly DateOnly June30 = new(2026, 6, 30);

    private readonly TestClock _clock = new(JustBeforeChinaMidnight);
    private readonly VoucherCheckBarrier _barrier = new();
    private TestApp _app = null!;
    private ContractScenario _scenario = null!;
    private int _agencyId;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync(s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
            s.ConfigureDbContext<ProcurementDbContext>((_, b) => b.AddInterceptors(_barrier), ServiceLifetime.Scoped);
        });
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

    private RecordPaymentHandler Payments() => _app.As<RecordPaymentHandler>(Roles.FinanceOfficer);

    private async Task<int> FirstInstallmentAsync(int contractId) =>
        (await _app.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(contractId)).Installments.Single(i => i.Sequence == 1).Id;

    private static async Task<string> RefusalAsync(Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<DomainException>(action);
        return ex.Code;
    }

    [Fact]
    public async Task R26_at_2359_china_time_today_is_payable_and_tomorrow_is_not_then_at_0001_tomorrow_is_today()
    {
        var contract = await _scenario.SignedAsync(_agencyId, 100_000m);
        var first = await FirstInstallmentAsync(contract.ContractId);

        Assert.Equal("Payment.DateInFuture", await RefusalAsync(() => Payments().HandleAsync(new RecordPaymentCommand(contract.ContractId, first, "记-0701", June30.AddDays(1), 100m))));
        await Payments().HandleAsync(new RecordPaymentCommand(contract.ContractId, first, "记-0630", June30, 100m));

        _clock.UtcNow = JustBeforeChinaMidnight.AddMinutes(2); // 00:01 on 1 July in China, still 30 June in UTC
        await Payments().HandleAsync(new RecordPaymentCommand(contract.ContractId, first, "记-0701", June30.AddDays(1), 100m));
        Assert.Equal("Payment.DateInFuture", await RefusalAsync(() => Payments().HandleAsync(new RecordPaymentCommand(contract.ContractId, first, "记-0702", June30.AddDays(2), 100m))));

        await using var db = await _app.DbAsync();
        Assert.Equal(["记-0630", "记-0701"], await db.Disbursements.OrderBy(d => d.PaidOn).Select(d => d.VoucherNumber).ToListAsync());
    }

    [Fact]
    public async Task R26_a_payment_dated_the_day_before_signing_is_refused_and_the_signing_day_accepted()
    {
        var contract = await _scenario.SignedAsync(_agencyId, 100_000m); // signed 5 January 2026
        var first = await FirstInstallmentAsync(contract.ContractId);

        Assert.Equal("Payment.DateBeforeSigning", await RefusalAsync(() => Payments().HandleAsync(new RecordPaymentCommand(contract.ContractId, first, "记-0104", new DateOnly(2026, 1, 4), 100m))));
        await Payments().HandleAsync(new RecordPaymentCommand(contract.ContractId, first, "记-0105", new DateOnly(2026, 1, 5), 100m));

        await using var db = await _app.DbAsync();
        Assert.Equal(1, await db.Disbursements.CountAsync());
        Assert.Equal(1, await db.PaymentVouchers.CountAsync());
    }

    [Theory]
    [InlineData("迪民记[2026]0012号", "迪民记[２０２６]００１２号")]
    [InlineData("迪民记[2026]0012号", "迪民记［2026］0012号")]
    [InlineData("迪民记〔2026〕0012号", " 迪民记〔2026〕0012号\u3000")]
    [InlineData("记-12", "记－１２")]
    public async Task R27_an_nfkc_equal_voucher_on_another_contract_is_refused(string first, string second)
    {
        var one = await _scenario.SignedAsync(_agencyId, 100_000m);
        var other = await _scenario.SignedAsync(_agencyId, 50_000m);
        await Payments().HandleAsync(new RecordPaymentCommand(one.ContractId, await FirstInstallmentAsync(one.ContractId), first, June30, 100m));

        var again = new RecordPaymentCommand(other.ContractId, await FirstInstallmentAsync(other.ContractId), second, June30, 100m);
        Assert.Equal("Payment.VoucherUsed", await RefusalAsync(() => Payments().HandleAsync(again)));

        await using var db = await _app.DbAsync();
        Assert.Equal(1, await db.Disbursements.CountAsync());
        Assert.Equal(InstallmentStatus.Payable, (await db.Installments.SingleAsync(i => i.Id == again.InstallmentId)).Status);
        Assert.Equal(0m, (await db.Installments.SingleAsync(i => i.Id == again.InstallmentId)).PaidAmount);
    }

    [Fact]
    public async Task R27_two_users_entering_one_voucher_at_once_leave_one_payment_and_the_second_is_told_why()
    {
        var one = await _scenario.SignedAsync(_agencyId, 100_000m);
        var other = await _scenario.SignedAsync(_agencyId, 50_000m);
        var first = new RecordPaymentCommand(one.ContractId, await FirstInstallmentAsync(one.ContractId), "迪民记〔2026〕0012号", June30, 100m);
        var second = new RecordPaymentCommand(other.ContractId, await FirstInstallmentAsync(other.ContractId), "迪民记〔２０２６〕００１２号", June30, 200m);

        // Both check the register before either saves (the barrier holds each after its check): only the unique index can stop one.
        _barrier.Arm(2);
        var outcomes = await Task.WhenAll(
            Task.Run(() => Outcome(() => Payments().HandleAsync(first))),
            Task.Run(() => Outcome(() => Payments().HandleAsync(second))));

        Assert.True(_barrier.Released);
        var refusal = Assert.Single(outcomes, o => o is not null)!;
        Assert.Equal("Payment.VoucherUsed", refusal.Code);
        Assert.Single(outcomes, o => o is null);
        using (new CultureScope("zh-CN"))
        {
            Assert.StartsWith("凭证号“迪民记〔", Messages.Get(refusal.Code, [.. refusal.Arguments]), StringComparison.Ordinal);
        }

        using (new CultureScope("en-US"))
        {
            Assert.Contains("is already used by another payment", Messages.Get(refusal.Code, [.. refusal.Arguments]), StringComparison.Ordinal);
        }

        await using var db = await _app.DbAsync();
        Assert.Equal(1, await db.PaymentVouchers.CountAsync());
        Assert.Single(await db.Disbursements.ToListAsync());
    }

    private static async Task<DomainException?> Outcome(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (DomainException ex)
        {
            return ex;
        }
    }

    /// <summary>
    /// Holds each connection that has just read the voucher register until <c>n</c> of them have: both payments then pass
    /// the handler's own check, and the database's unique index decides.
    /// </summary>
    private sealed class VoucherCheckBarrier : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _expected = int.MaxValue;
        private int _arrived;

        public bool Released => _all.Task.IsCompletedSuccessfully;

        public void Arm(int connections) => _expected = connections;

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            await HoldAsync(command, cancellationToken);
            return result;
        }

        public override async ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            await HoldAsync(command, cancellationToken);
            return result;
        }

        private async Task HoldAsync(DbCommand command, CancellationToken cancellationToken)
        {
            if (_expected == int.MaxValue || _all.Task.IsCompleted || !command.CommandText.Contains("\"NormalizedNumber\" =", StringComparison.Ordinal))
            {
                return;
            }

            if (Interlocked.Increment(ref _arrived) >= _expected)
            {
                _all.TrySetResult();
            }

            await _all.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
        }
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
