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

public sealed class AllocateContractFundingTests : IAsyncLifetime
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
            var funding = instances[i].As<AllocateContractFundingHandler>(i % 2 == 0 ? Roles.FinanceOfficer : Roles.ProcurementOfficer);
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
        sourceA.Allocate(first, 70m, [TargetGroup.Elderly], new ContractYears(2026, 2026));
        sourceB.Allocate(second, 70m, [TargetGroup.Elderly], new ContractYears(2026, 2026));
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
    public async Task R08_welfare_lottery_money_is_refused_for_a_contract_serving_other_groups()
    {
        var lottery = await _scenario.SourceAsync(1_000m, FundingKind.WelfareLottery);
        var contractId = await _scenario.DraftAsync(_agencyId, 100m, [TargetGroup.Elderly, TargetGroup.CommunityResidents]);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Funding().AllocateAsync(contractId, lottery, 100m));

        Assert.Equal("Funding.WelfareLotteryNotEligible", ex.Code);
    }

    [Theory]
    [InlineData(Roles.AgencyUser)]
    [InlineData(Roles.Judge)]
    [InlineData(Roles.Auditor)]
    public async Task Agencies_judges_and_auditors_cannot_allocate(string role)
    {
        var sourceId = await _scenario.SourceAsync(100m);
        var contractId = await _scenario.DraftAsync(_agencyId, 100m);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<AllocateContractFundingHandler>(role, agencyId: _agencyId).AllocateAsync(contractId, sourceId, 1m));
    }
}
