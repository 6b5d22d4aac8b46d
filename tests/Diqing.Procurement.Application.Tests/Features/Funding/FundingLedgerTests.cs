using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Funding;

public sealed class FundingLedgerTests : IAsyncLifetime
{
    private static readonly TargetGroup[] Elderly = [TargetGroup.Elderly];
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.CreateAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<int> SourceAsync(decimal amount, FundingKind kind = FundingKind.Fiscal) =>
        await _app.As<SaveFundingSourceHandler>(Roles.FinanceOfficer).HandleAsync(new SaveFundingSourceCommand
        {
            Name = "测试资金", Kind = kind, FiscalLevel = kind == FundingKind.Fiscal ? FiscalLevel.Prefecture : null,
            FiscalYear = 2026, DocumentNumber = "迪财〔2026〕9号", Amount = amount,
        });

    private FundingLedgerHandler Ledger(string role = Roles.FinanceOfficer) => _app.As<FundingLedgerHandler>(role);

    [Fact]
    public async Task R07_concurrent_allocations_never_overspend_a_source()
    {
        var sourceId = await SourceAsync(100_000m);

        // Ten officers at once each try to earmark 30,000 from a 100,000 source.
        var outcomes = await Task.WhenAll(Enumerable.Range(1, 10).Select(async contractId =>
        {
            try
            {
                await Ledger(contractId % 2 == 0 ? Roles.FinanceOfficer : Roles.ProcurementOfficer)
                    .AllocateAsync(new AllocateFundsCommand(sourceId, contractId, 30_000m, Elderly));
                return "ok";
            }
            catch (DomainException ex)
            {
                return ex.Code;
            }
        }));

        await using var db = await _app.DbAsync();
        var allocated = (await db.Allocations.Where(a => a.FundingSourceId == sourceId).Select(a => a.Amount).ToListAsync()).Sum();
        Assert.True(allocated <= 100_000m, $"allocated {allocated}");
        Assert.Equal(outcomes.Count(o => o == "ok") * 30_000m, allocated);
        Assert.All(outcomes.Where(o => o != "ok"), o => Assert.Contains(o, new[] { "Funding.BalanceChanged", "Funding.Overallocated" }));
        Assert.InRange(outcomes.Count(o => o == "ok"), 1, 3);
    }

    [Fact]
    public async Task R07_the_loser_of_a_race_gets_balance_changed_and_nothing_is_half_saved()
    {
        var sourceId = await SourceAsync(100m);

        // Both contexts read the balance before either saves.
        await using var first = await _app.DbAsync();
        await using var second = await _app.DbAsync();
        var a = await first.FundingSources.Include(f => f.Allocations).SingleAsync(f => f.Id == sourceId);
        var b = await second.FundingSources.Include(f => f.Allocations).SingleAsync(f => f.Id == sourceId);
        a.Allocate(1, 70m, Elderly);
        b.Allocate(2, 70m, Elderly);
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = await _app.DbAsync();
        Assert.Equal([1], await check.Allocations.Select(x => x.ContractId).ToListAsync());
        Assert.Equal(1, await check.AuditEntries.CountAsync(e => e.EntityType == nameof(Allocation)));
    }

    [Fact]
    public async Task R05_R06_through_the_application_layer()
    {
        var sourceId = await SourceAsync(1_000m);
        var allocationId = await Ledger().AllocateAsync(new AllocateFundsCommand(sourceId, 1, 800m, Elderly));

        Assert.Equal("Funding.Overallocated", (await Assert.ThrowsAsync<DomainException>(() =>
            Ledger().AllocateAsync(new AllocateFundsCommand(sourceId, 2, 200.01m, Elderly)))).Code);

        await Ledger().DisburseAsync(new DisburseFundsCommand(allocationId, "记-2026-001", new DateOnly(2026, 4, 1), 500m));
        Assert.Equal("Funding.OverDisbursed", (await Assert.ThrowsAsync<DomainException>(() =>
            Ledger().DisburseAsync(new DisburseFundsCommand(allocationId, "记-2026-002", new DateOnly(2026, 4, 2), 300.01m)))).Code);

        var detail = await _app.As<GetFundingSourceHandler>(Roles.Auditor).HandleAsync(sourceId);
        Assert.Equal(800m, detail.Source.Allocated);
        Assert.Equal(500m, detail.Source.Disbursed);
        Assert.Equal(200m, detail.Source.Available);
        Assert.Equal("记-2026-001", Assert.Single(detail.Disbursements).VoucherNumber);
    }

    [Fact]
    public async Task R08_welfare_lottery_money_through_the_application_layer()
    {
        var sourceId = await SourceAsync(1_000m, FundingKind.WelfareLottery);
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Ledger().AllocateAsync(new AllocateFundsCommand(sourceId, 1, 100m, [TargetGroup.CommunityResidents])));
        Assert.Equal("Funding.WelfareLotteryNotEligible", ex.Code);
    }

    [Fact]
    public async Task Reducing_a_source_below_what_is_allocated_is_refused_and_the_amount_kept()
    {
        var sourceId = await SourceAsync(1_000m);
        await Ledger().AllocateAsync(new AllocateFundsCommand(sourceId, 1, 700m, Elderly));
        var detail = await _app.As<GetFundingSourceHandler>(Roles.FinanceOfficer).HandleAsync(sourceId);
        var edit = SaveFundingSourceCommand.From(detail);
        edit.Amount = 699.99m;

        var ex = await Assert.ThrowsAsync<DomainException>(() => _app.As<SaveFundingSourceHandler>(Roles.FinanceOfficer).HandleAsync(edit));

        Assert.Equal("Funding.AmountBelowAllocated", ex.Code);
        Assert.Equal(1_000m, (await _app.As<GetFundingSourceHandler>(Roles.Auditor).HandleAsync(sourceId)).Source.Amount);
    }

    [Fact]
    public async Task Editing_a_stale_version_is_refused()
    {
        var sourceId = await SourceAsync(1_000m);
        var stale = SaveFundingSourceCommand.From(await _app.As<GetFundingSourceHandler>(Roles.FinanceOfficer).HandleAsync(sourceId));
        await Ledger().AllocateAsync(new AllocateFundsCommand(sourceId, 1, 10m, Elderly));
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
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Ledger(role).DisburseAsync(new DisburseFundsCommand(1, "x", default, 1m)));
    }

    [Theory]
    [InlineData(Roles.AgencyUser)]
    [InlineData(Roles.Judge)]
    public async Task Agencies_and_judges_cannot_read_funding(string role)
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<ListFundingSourcesHandler>(role).HandleAsync(new ListFundingSourcesQuery()));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Ledger(role).AllocateAsync(new AllocateFundsCommand(1, 1, 1m, Elderly)));
    }

    [Fact]
    public async Task The_list_shows_balances_per_source_and_totals_per_kind_and_year()
    {
        var fiscal = await SourceAsync(1_000m);
        var lottery = await SourceAsync(500m, FundingKind.WelfareLottery);
        await SourceAsync(250.50m, FundingKind.WelfareLottery);
        var allocation = await Ledger().AllocateAsync(new AllocateFundsCommand(lottery, 1, 300m, Elderly));
        await Ledger().DisburseAsync(new DisburseFundsCommand(allocation, "记-9", new DateOnly(2026, 6, 1), 120.25m));
        await Ledger().AllocateAsync(new AllocateFundsCommand(fiscal, 2, 1_000m, Elderly));

        var overview = await _app.As<ListFundingSourcesHandler>(Roles.ProcurementOfficer).HandleAsync(new ListFundingSourcesQuery(2026));

        var lotteryRow = overview.Sources.Single(s => s.Id == lottery);
        Assert.Equal((500m, 300m, 120.25m, 200m), (lotteryRow.Amount, lotteryRow.Allocated, lotteryRow.Disbursed, lotteryRow.Available));
        var lotteryTotal = overview.Totals.Single(t => t.Kind == FundingKind.WelfareLottery && t.FiscalYear == 2026);
        Assert.Equal((750.50m, 300m, 120.25m, 450.50m), (lotteryTotal.Amount, lotteryTotal.Allocated, lotteryTotal.Disbursed, lotteryTotal.Available));
        Assert.Equal(0m, overview.Totals.Single(t => t.Kind == FundingKind.Fiscal).Available);
        Assert.Equal(1_750.50m, overview.Amount);
    }
}
