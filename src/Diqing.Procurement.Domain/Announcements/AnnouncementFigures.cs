using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Funding;

namespace Diqing.Procurement.Domain.Announcements;

/// <summary>One welfare-lottery source received in the year: its level of government (中央/省/州/县), grantor and amount.</summary>
public sealed record ReceivedLine(FiscalLevel? Level, string? Grantor, string SourceName, string DocumentNumber, decimal Amount);

/// <summary>An indicator's actual value from approved reports against the contract's target.</summary>
public sealed record IndicatorResult(string Indicator, string Unit, decimal Target, decimal Actual);

/// <summary>
/// One funded project (contract): its welfare-lottery allocation of the year's sources, what of it was paid by the year's
/// end, and its results (people served and indicator actuals from approved reports).
/// </summary>
public sealed record ProjectLine(
    string ContractNumber,
    string Title,
    string Agency,
    IReadOnlyList<TargetGroup> TargetGroups,
    decimal Allocated,
    decimal Paid,
    int PeopleServed,
    IReadOnlyList<IndicatorResult> Results)
{
    /// <summary>Paid ÷ allocated (0 when nothing is allocated); rounded only when shown.</summary>
    public decimal ExecutionRate => AnnouncementFigures.Rate(Paid, Allocated);
}

/// <summary>A source's balance at the year's end, carried forward: received − paid (of which allocated but unpaid, and unallocated).</summary>
public sealed record BalanceLine(string SourceName, decimal Amount, decimal Allocated, decimal Paid)
{
    public decimal CarriedForward => Amount - Paid;

    public decimal AllocatedUnpaid => Allocated - Paid;

    public decimal Unallocated => Amount - Allocated;
}

/// <summary>
/// The figures of a welfare-lottery fund announcement: computed from the ledger while it is a draft, frozen into
/// the announcement when it is published.
/// </summary>
public sealed record AnnouncementFigures(
    IReadOnlyList<ReceivedLine> Received,
    IReadOnlyList<ProjectLine> Projects,
    IReadOnlyList<BalanceLine> Balances)
{
    public static readonly AnnouncementFigures Empty = new([], [], []);

    public decimal ReceivedTotal => Received.Sum(r => r.Amount);

    public decimal AllocatedTotal => Projects.Sum(p => p.Allocated);

    public decimal PaidTotal => Projects.Sum(p => p.Paid);

    public int PeopleServedTotal => Projects.Sum(p => p.PeopleServed);

    public decimal ExecutionRate => Rate(PaidTotal, AllocatedTotal);

    public decimal CarriedForwardTotal => Balances.Sum(b => b.CarriedForward);

    /// <summary>Received by level of government, in the order central, provincial, prefecture, county, then unstated.</summary>
    public IReadOnlyList<(FiscalLevel? Level, decimal Amount)> ReceivedByLevel() =>
        Received.GroupBy(r => r.Level).OrderBy(g => g.Key is null ? int.MaxValue : (int)g.Key)
            .Select(g => (g.Key, g.Sum(r => r.Amount))).ToList();

    public static decimal Rate(decimal paid, decimal allocated) => allocated == 0m ? 0m : paid / allocated;

    /// <summary>
    /// The level of government a source's money comes from: its fiscal level when recorded, otherwise read from the grantor
    /// or the source's name (民政部/财政部/中央 → central, 省 → provincial, 州 → prefecture, 县/市 → county); null when neither says.
    /// </summary>
    public static FiscalLevel? LevelOf(FiscalLevel? fiscalLevel, string? grantor, string sourceName)
    {
        if (fiscalLevel is not null)
        {
            return fiscalLevel;
        }

        foreach (var text in new[] { grantor, sourceName })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (text.Contains("中央", StringComparison.Ordinal) || text.Contains("民政部", StringComparison.Ordinal) || text.Contains("财政部", StringComparison.Ordinal))
            {
                return FiscalLevel.Central;
            }

            if (text.Contains('省'))
            {
                return FiscalLevel.Provincial;
            }

            if (text.Contains('州'))
            {
                return FiscalLevel.Prefecture;
            }

            if (text.Contains('县') || text.Contains('市'))
            {
                return FiscalLevel.County;
            }
        }

        return null;
    }
}
