using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Reports;

/// <summary>
/// a milestone is overdue when its due date (a China date) has passed without an approved
/// report. "Passed" is judged on today's China date, so 23:30 UTC on the due date is already the
/// next day in Diqing.
/// </summary>
public static class Deadlines
{
    public static int DaysOverdue(DateOnly dueOn, bool reportApproved, DateTime nowUtc)
    {
        if (reportApproved)
        {
            return 0;
        }

        var today = ChinaTime.DateOf(nowUtc);
        return today > dueOn ? today.DayNumber - dueOn.DayNumber : 0;
    }

    public static bool IsOverdue(DateOnly dueOn, bool reportApproved, DateTime nowUtc) => DaysOverdue(dueOn, reportApproved, nowUtc) > 0;

    /// <summary>Days until the due date (0 on the day itself), or null when already overdue or approved.</summary>
    public static int? DaysLeft(DateOnly dueOn, bool reportApproved, DateTime nowUtc)
    {
        var today = ChinaTime.DateOf(nowUtc);
        return reportApproved || today > dueOn ? null : dueOn.DayNumber - today.DayNumber;
    }
}
