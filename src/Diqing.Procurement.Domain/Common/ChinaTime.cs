namespace Diqing.Procurement.Domain.Common;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving since 1991). Times are stored in UTC and
/// converted here for display and for "which China calendar day is it" questions.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTime FromUtc(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local)
        {
            utc = utc.ToUniversalTime();
        }

        return DateTime.SpecifyKind(utc + Offset, DateTimeKind.Unspecified);
    }

    public static DateTime ToUtc(DateTime chinaLocal) =>
        DateTime.SpecifyKind(chinaLocal - Offset, DateTimeKind.Utc);

    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(FromUtc(utc));

    /// <summary>The UTC instant at which the given China calendar day starts.</summary>
    public static DateTime StartOfDayUtc(DateOnly chinaDate) =>
        ToUtc(chinaDate.ToDateTime(TimeOnly.MinValue));
}
