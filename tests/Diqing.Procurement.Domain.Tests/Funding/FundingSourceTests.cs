using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Funding;

namespace Diqing.Procurement.Domain.Tests.Funding;

public class FundingSourceTests
{
    private static readonly TargetGroup[] Elderly = [TargetGroup.Elderly];

    private static readonly ContractYears Years2026 = new(2026, 2026);
    private static readonly DateOnly PaidOn = new(2026, 5, 1);

    private static FundingSource Source(decimal amount = 100_000m, FundingKind kind = FundingKind.Fiscal) =>
        new("测试资金", kind, 2026, "迪财〔2026〕1号", amount);

    private static string Code(Action action) => Assert.Throws<DomainException>(action).Code;

    [Fact]
    public void Balances_follow_allocations_and_disbursements()
    {
        var source = Source();
        var a = source.Allocate(1, 60_000m, Elderly, Years2026);
        source.Allocate(2, 40_000m, Elderly, Years2026);
        source.Disburse(a, "记-001", PaidOn, 18_000m);

        Assert.Equal(100_000m, source.Allocated);
        Assert.Equal(0m, source.Available);
        Assert.Equal(18_000m, source.Disbursed);
        Assert.Equal(42_000m, a.Undisbursed);
    }

    [Fact]
    public void R05_allocations_never_exceed_the_amount()
    {
        var source = Source(100_000m);
        source.Allocate(1, 99_999.99m, Elderly, Years2026);

        Assert.Equal("Funding.Overallocated", Code(() => source.Allocate(2, 0.02m, Elderly, Years2026)));
        source.Allocate(2, 0.01m, Elderly, Years2026);
        Assert.Equal(0m, source.Available);
    }

    [Fact]
    public void R05_raising_an_allocation_beyond_the_balance_is_refused()
    {
        var source = Source(100m);
        var a = source.Allocate(1, 50m, Elderly, Years2026);
        source.Allocate(2, 40m, Elderly, Years2026);

        Assert.Equal("Funding.Overallocated", Code(() => source.ChangeAllocation(a, 60.01m)));
        source.ChangeAllocation(a, 60m);
        Assert.Equal(0m, source.Available);
    }

    [Fact]
    public void R06_disbursements_never_exceed_the_allocation()
    {
        var source = Source();
        var a = source.Allocate(1, 1_000m, Elderly, Years2026);
        source.Disburse(a, "记-1", PaidOn, 999.99m);

        Assert.Equal("Funding.OverDisbursed", Code(() => source.Disburse(a, "记-2", PaidOn, 0.02m)));
        source.Disburse(a, "记-3", PaidOn, 0.01m);
        Assert.Equal(0m, a.Undisbursed);
    }

    [Fact]
    public void An_allocation_cannot_drop_below_what_is_paid_nor_be_removed_once_paid()
    {
        var source = Source();
        var a = source.Allocate(1, 1_000m, Elderly, Years2026);
        source.Disburse(a, "记-1", PaidOn, 600m);

        Assert.Equal("Funding.AllocationBelowDisbursed", Code(() => source.ChangeAllocation(a, 599.99m)));
        Assert.Equal("Funding.AllocationHasDisbursements", Code(() => source.RemoveAllocation(a)));
        source.ChangeAllocation(a, 600m);
    }

    [Theory]
    [InlineData(TargetGroup.Elderly)]
    [InlineData(TargetGroup.Children)]
    [InlineData(TargetGroup.Disabled)]
    [InlineData(TargetGroup.PeopleInDifficulty)]
    public void R08_welfare_lottery_money_funds_the_four_eligible_groups(TargetGroup group) =>
        Assert.NotNull(Source(kind: FundingKind.WelfareLottery).Allocate(1, 10m, [group], Years2026));

    [Theory]
    [InlineData(TargetGroup.Youth)]
    [InlineData(TargetGroup.CommunityResidents)]
    [InlineData(TargetGroup.WomenAndFamilies)]
    public void R08_welfare_lottery_money_refuses_a_contract_that_also_serves_other_groups(TargetGroup other)
    {
        var source = Source(kind: FundingKind.WelfareLottery);
        Assert.Equal("Funding.WelfareLotteryNotEligible", Code(() => source.Allocate(1, 10m, [TargetGroup.Elderly, other], Years2026)));
        Assert.Equal("Funding.WelfareLotteryNotEligible", Code(() => source.Allocate(1, 10m, [], Years2026)));
        Assert.Empty(source.Allocations);
    }

    [Fact]
    public void Other_funds_may_serve_any_group() =>
        Assert.NotNull(Source(kind: FundingKind.ExternalGrant).Allocate(1, 10m, [TargetGroup.CommunityResidents], Years2026));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0.001")]
    public void Zero_negative_and_sub_cent_amounts_are_refused(string text)
    {
        var amount = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var source = Source();
        Assert.Throws<DomainException>(() => Source(amount));
        Assert.Throws<DomainException>(() => source.Allocate(1, amount, Elderly, Years2026));
        var a = source.Allocate(1, 10m, Elderly, Years2026);
        Assert.Throws<DomainException>(() => source.Disburse(a, "记-1", PaidOn, amount));
        Assert.Throws<DomainException>(() => source.ChangeAmount(amount));
    }

    [Fact]
    public void The_amount_cannot_drop_below_what_is_allocated()
    {
        var source = Source(100m);
        source.Allocate(1, 70m, Elderly, Years2026);

        Assert.Equal("Funding.AmountBelowAllocated", Code(() => source.ChangeAmount(69.99m)));
        source.ChangeAmount(70m);
        Assert.Equal(70m, source.Amount);
    }

    [Fact]
    public void Every_money_change_moves_the_version()
    {
        var source = Source();
        var versions = new List<long> { source.Version };
        var a = source.Allocate(1, 10m, Elderly, Years2026);
        versions.Add(source.Version);
        source.Disburse(a, "记-1", PaidOn, 5m);
        versions.Add(source.Version);
        source.ChangeAmount(200_000m);
        versions.Add(source.Version);

        Assert.Equal(versions.Distinct().Count(), versions.Count);
    }

    [Fact]
    public void A_payment_needs_a_voucher_number()
    {
        var source = Source();
        var a = source.Allocate(1, 10m, Elderly, Years2026);
        Assert.Equal("Funding.VoucherRequired", Code(() => source.Disburse(a, " ", PaidOn, 1m)));
    }
}
