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

namespace Diqing.Procurement.Application.Tests.Features.Funding;

public sealed class FundingLedgerTests : IAsyncLifetime
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

    private ContractFundingActions Funding(string role = Roles.FinanceOfficer) => _app.As<ContractFundingActions>(role);

    [Theory]
    [ClassData(typeof(DatabaseProviders))]
    public async Task R07_concurrent_allocations_never_overspend_a_source(DatabaseProvider provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var scenario = new ContractScenario(app);
        var agencyId = await app.AddAgencyAsync();
        var sourceId = await scenario.SourceAsync(100_000m);
        const int officers = 20;
        var contracts = new List<int>();
        for (var i = 0; i < officers; i++)
        {
            contracts.Add(await scenario.DraftAsync(agencyId, 15_000m));
        }

        // Twenty officers try at once to earmark 15,000 from a 100,000 source. On a server database each works
        // on an app instance of its own (own connection, own audit gate): only the database keeps them from overspending.
        var instances = app.Instances(officers);
        var outcomes = await AtOnce.RunAsync(contracts.Select((contractId, i) =>
        {
            var funding = instances[i].As<ContractFundingActions>(i % 2 == 0 ? Roles.FinanceOfficer : Roles.ProcurementOfficer);
            return (Func<Task<string>>)(async () =>
            {
                try
                {
                    await funding.AllocateAsync(contractId, sourceId, 15_000m);
                    return "ok";
                }
                catch (DomainException ex)
                {
                    return ex.Code;
                }
            });
        }));

        await using var db = await app.DbAsync();
        var allocated = (await db.Allocations.Where(a => a.FundingSourceId == sourceId).Select(a => a.Amount).ToListAsync()).Sum();
        Assert.True(allocated <= 100_000m, $"allocated {allocated}");
        Assert.Equal(outcomes.Count(o => o == "ok") * 15_000m, allocated);
        Assert.All(outcomes.Where(o => o != "ok"), o => Assert.Contains(o, new[] { "Funding.BalanceChanged", "Funding.Overallocated" }));
        Assert.InRange(outcomes.Count(o => o == "ok"), 1, 6);
        Assert.Equal(outcomes.Count(o => o == "ok"), await db.AuditEntries.CountAsync(e => e.EntityType == nameof(Allocation)));
    }

    [Fact]
    public async Task R07_the_loser_of_a_race_is_refused_and_nothing_of_it_is_saved()
    {
        var sourceId = await _scenario.SourceAsync(100m);
        var first = await _scenario.DraftAsync(_agencyId, 70m);
        var second = await _scenario.DraftAsync(_agencyId, 70m);

        // Both contexts read the balance before either saves.
        await using var a = await _app.DbAsync();
        await using var b = await _app.DbAsync();
        var sourceA = await a.FundingSources.Include(f => f.Allocations).SingleAsync(f => f.Id == sourceId);
        var sourceB = await b.FundingSources.Include(f => f.Allocations).SingleAsync(f => f.Id == sourceId);
        sourceA.Allocate(first, 70m, [TargetGroup.Elderly]);
        sourceB.Allocate(second, 70m, [TargetGroup.Elderly]);
        await a.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => b.SaveChangesAsync());

        await using var check = await _app.DbAsync();
        Assert.Equal([first], await check.Allocations.Select(x => x.ContractId).ToListAsync());
        Assert.Equal(1, await check.AuditEntries.CountAsync(e => e.EntityType == nameof(Allocation)));
    }

    [Fact]
    public async Task R05_a_second_contract_cannot_take_more_than_is_left()
    {
        var sourceId = await _scenario.SourceAsync(1_000m);
        await Funding().AllocateAsync(await _scenario.DraftAsync(_agencyId, 800m), sourceId, 800m);
        var other = await _scenario.DraftAsync(_agencyId, 300m);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Funding(Roles.ProcurementOfficer).AllocateAsync(other, sourceId, 200.01m));

        Assert.Equal("Funding.Overallocated", ex.Code);
        await Funding(Roles.ProcurementOfficer).AllocateAsync(other, sourceId, 200m);
    }

    [Fact]
    public async Task R06_a_payment_split_cannot_exceed_an_allocation()
    {
        var big = await _scenario.SourceAsync(700m);
        var small = await _scenario.SourceAsync(100m);
        var contractId = await _scenario.DraftAsync(_agencyId, 800m);
        await _scenario.PlanAsync(contractId);
        await Funding().AllocateAsync(contractId, big, 700m);
        var smallAllocation = await Funding().AllocateAsync(contractId, small, 100m);
        await _app.As<ContractLifecycleActions>(Roles.ProcurementOfficer).SignAsync(contractId, new DateOnly(2026, 1, 5));
        var first = (await _app.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(contractId)).Contract.Installments.Single(i => i.Sequence == 1);

        var ex = await Assert.ThrowsAsync<DomainException>(() => _app.As<RecordPaymentHandler>(Roles.FinanceOfficer).HandleAsync(
            new RecordPaymentCommand(contractId, first.Id, "记-1", new DateOnly(2026, 1, 10), 240m, new Dictionary<int, decimal> { [smallAllocation] = 240m })));

        Assert.Equal("Funding.OverDisbursed", ex.Code);
        await using var db = await _app.DbAsync();
        Assert.Equal(0, await db.Disbursements.CountAsync());
        Assert.Equal(InstallmentStatus.Payable, (await db.Installments.SingleAsync(i => i.Id == first.Id)).Status);
    }

    [Fact]
    public async Task R08_welfare_lottery_money_is_refused_for_a_contract_serving_other_groups()
    {
        var lottery = await _scenario.SourceAsync(1_000m, FundingKind.WelfareLottery);
        var contractId = await _scenario.DraftAsync(_agencyId, 100m, [TargetGroup.Elderly, TargetGroup.CommunityResidents]);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Funding().AllocateAsync(contractId, lottery, 100m));

        Assert.Equal("Funding.WelfareLotteryNotEligible", ex.Code);
    }

    [Fact]
    public async Task Reducing_a_source_below_what_is_allocated_is_refused_and_the_amount_kept()
    {
        var sourceId = await _scenario.SourceAsync(1_000m);
        await Funding().AllocateAsync(await _scenario.DraftAsync(_agencyId, 700m), sourceId, 700m);
        var edit = SaveFundingSourceCommand.From(await _app.As<GetFundingSourceHandler>(Roles.FinanceOfficer).HandleAsync(sourceId));
        edit.Amount = 699.99m;

        var ex = await Assert.ThrowsAsync<DomainException>(() => _app.As<SaveFundingSourceHandler>(Roles.FinanceOfficer).HandleAsync(edit));

        Assert.Equal("Funding.AmountBelowAllocated", ex.Code);
        Assert.Equal(1_000m, (await _app.As<GetFundingSourceHandler>(Roles.Auditor).HandleAsync(sourceId)).Source.Amount);
    }

    [Fact]
    public async Task Editing_a_stale_version_is_refused()
    {
        var sourceId = await _scenario.SourceAsync(1_000m);
        var stale = SaveFundingSourceCommand.From(await _app.As<GetFundingSourceHandler>(Roles.FinanceOfficer).HandleAsync(sourceId));
        await Funding().AllocateAsync(await _scenario.DraftAsync(_agencyId, 10m), sourceId, 10m);
        stale.Name = "改名";

        var ex = await Assert.ThrowsAsync<DomainException>(() => _app.As<SaveFundingSourceHandler>(Roles.FinanceOfficer).HandleAsync(stale));
        Assert.Equal("Funding.BalanceChanged", ex.Code);
    }

    [Theory]
    [InlineData(Roles.ProcurementOfficer)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.AgencyUser)]
    [InlineData(Roles.Judge)]
    public async Task Only_finance_and_administrators_manage_sources_and_pay(string role)
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<SaveFundingSourceHandler>(role).HandleAsync(new SaveFundingSourceCommand()));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            _app.As<RecordPaymentHandler>(role, agencyId: _agencyId).HandleAsync(new RecordPaymentCommand(1, 1, "x", default, 1m)));
    }

    [Theory]
    [InlineData(Roles.AgencyUser)]
    [InlineData(Roles.Judge)]
    [InlineData(Roles.Auditor)]
    public async Task Agencies_judges_and_auditors_cannot_allocate(string role)
    {
        var sourceId = await _scenario.SourceAsync(100m);
        var contractId = await _scenario.DraftAsync(_agencyId, 100m);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<ContractFundingActions>(role, agencyId: _agencyId).AllocateAsync(contractId, sourceId, 1m));
    }

    [Theory]
    [InlineData(Roles.AgencyUser)]
    [InlineData(Roles.Judge)]
    public async Task Agencies_and_judges_cannot_read_funding(string role) =>
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<ListFundingSourcesHandler>(role).HandleAsync(new ListFundingSourcesQuery()));

    [Fact]
    public async Task The_list_shows_balances_per_source_and_totals_per_kind_and_year()
    {
        var signed = await _scenario.SignedAsync(_agencyId, 1_000m, sourceAmount: 1_500m);
        await _scenario.SourceAsync(250.50m, FundingKind.WelfareLottery);
        var lottery = await _scenario.SourceAsync(500m, FundingKind.WelfareLottery);
        await Funding().AllocateAsync(await _scenario.DraftAsync(_agencyId, 300m), lottery, 300m);
        var first = (await _app.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(signed.ContractId)).Contract.Installments.Single(i => i.Sequence == 1);
        await _app.As<RecordPaymentHandler>(Roles.FinanceOfficer).HandleAsync(new RecordPaymentCommand(signed.ContractId, first.Id, "记-9", new DateOnly(2026, 2, 1), 300m));

        var overview = await _app.As<ListFundingSourcesHandler>(Roles.ProcurementOfficer).HandleAsync(new ListFundingSourcesQuery(2026));

        var fiscal = overview.Sources.Single(s => s.Id == signed.SourceId);
        Assert.Equal((1_500m, 1_000m, 300m, 500m), (fiscal.Amount, fiscal.Allocated, fiscal.Disbursed, fiscal.Available));
        var lotteryTotal = overview.Totals.Single(t => t.Kind == FundingKind.WelfareLottery && t.FiscalYear == 2026);
        Assert.Equal((750.50m, 300m, 0m, 450.50m), (lotteryTotal.Amount, lotteryTotal.Allocated, lotteryTotal.Disbursed, lotteryTotal.Available));
        Assert.Equal(2_250.50m, overview.Amount);
    }
}
