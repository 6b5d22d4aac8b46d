using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;

namespace Diqing.Procurement.Domain.Tests.Competitions;

/// <summary>R-23: decisions in rank order while the pool lasts.</summary>
public class AwardOrderTests
{
    private static AwardOrder Order(decimal awarded, params AwardCandidate[] ranked) => new(150_000m, awarded, ranked);

    [Fact]
    public void Only_the_best_ranked_undecided_entry_may_be_awarded_or_skipped()
    {
        var order = Order(0m, new(1, 90_000m, AwardDecision.None), new(2, 50_000m, AwardDecision.None));

        Assert.True(order.MayAward(1));
        Assert.True(order.MaySkip(1));
        Assert.False(order.MayAward(2));
        Assert.False(order.MaySkip(2));
        Assert.Equal("Award.NotInRankOrder", Assert.Throws<DomainException>(() => order.RequireSkip(2)).Code);
    }

    [Fact]
    public void An_entry_that_does_not_fit_in_the_rest_of_the_pool_may_only_be_skipped()
    {
        var order = Order(90_000m, new(1, 90_000m, AwardDecision.Awarded), new(2, 80_000m, AwardDecision.None), new(3, 10_000m, AwardDecision.None));

        Assert.Equal(60_000m, order.Remaining);
        Assert.False(order.MayAward(2));
        Assert.True(order.MaySkip(2));
        var refused = Assert.Throws<DomainException>(() => order.RequireAward(2));
        Assert.Equal(("Award.PoolExhausted", (object)60_000m), (refused.Code, refused.Arguments[0]));
        Assert.Equal("Entry.AlreadyDecided", Assert.Throws<DomainException>(() => order.RequireAward(1)).Code);
    }

    [Fact]
    public void An_entry_asking_exactly_what_is_left_fits() =>
        Assert.True(Order(90_000m, new(1, 90_000m, AwardDecision.Awarded), new(2, 60_000m, AwardDecision.None)).MayAward(2));

    [Fact]
    public void When_everything_is_decided_nothing_is_next() =>
        Assert.Null(Order(0m, new AwardCandidate(1, 1m, AwardDecision.Skipped)).Next);
}
