using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Competitions;

/// <summary>A ranked entry as the award decisions see it.</summary>
public sealed record AwardCandidate(int EntryId, decimal RequestedAmount, AwardDecision Award);

/// <summary>
/// decisions are made in rank order while the budget pool lasts. The next decision is always about the
/// best-ranked undecided entry: it is awarded when its request fits in what is left of the pool, or skipped with a reason.
/// </summary>
public sealed class AwardOrder
{
    private readonly IReadOnlyList<AwardCandidate> _ranked;

    /// <param name="ranked">Entries in rank order.</param>
    /// <param name="awarded">What has been awarded from the pool so far.</param>
    public AwardOrder(decimal budgetPool, decimal awarded, IReadOnlyList<AwardCandidate> ranked)
    {
        _ranked = ranked;
        BudgetPool = budgetPool;
        Awarded = awarded;
        Next = ranked.FirstOrDefault(r => r.Award == AwardDecision.None);
    }

    public decimal BudgetPool { get; }

    public decimal Awarded { get; }

    public decimal Remaining => BudgetPool - Awarded;

    /// <summary>The entry the next decision is about, if any is undecided.</summary>
    public AwardCandidate? Next { get; }

    public bool MayAward(int entryId) => Next?.EntryId == entryId && Next.RequestedAmount <= Remaining;

    public bool MaySkip(int entryId) => Next?.EntryId == entryId;

    public void RequireAward(int entryId)
    {
        RequireNext(entryId);
        if (!MayAward(entryId))
        {
            throw new DomainException("Award.PoolExhausted", Remaining);
        }
    }

    public void RequireSkip(int entryId) => RequireNext(entryId);

    private void RequireNext(int entryId)
    {
        if (Next?.EntryId != entryId)
        {
            throw new DomainException(_ranked.Any(r => r.EntryId == entryId && r.Award != AwardDecision.None) ? "Entry.AlreadyDecided" : "Award.NotInRankOrder");
        }
    }
}
