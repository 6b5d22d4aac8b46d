using System.Globalization;
using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Web.Localization;

/// <summary>How values look on screen: money as ¥1,234,567.89, times in China Standard Time.</summary>
public static class Display
{
    public static string Money(decimal amount) =>
        (amount < 0 ? "-¥" : "¥") + Math.Abs(amount).ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string ChinaDateTime(DateTime utc) =>
        ChinaTime.FromUtc(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string ChinaDateTime(DateTimeOffset utc) => ChinaDateTime(utc.UtcDateTime);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "—";

    /// <summary>A contract term, both days inclusive: 2026-01-01 ~ 2026-12-31.</summary>
    public static string Term(DateOnly startOn, DateOnly endOn) => $"{Date(startOn)} ~ {Date(endOn)}";

    /// <summary>A score such as 92.5 (one decimal at most, as evaluations are scored).</summary>
    public static string Score(decimal score) => score.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A share such as an execution rate (paid ÷ allocated): 15.3%, or a dash when there is nothing to divide by.</summary>
    public static string Rate(decimal? rate) => rate is { } r ? (r * 100m).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";
}
