using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Reports;

namespace Diqing.Procurement.Domain.Tests.Reports;

public class MilestoneReportTests
{
    private static readonly DateTime T0 = new(2026, 6, 20, 2, 0, 0, DateTimeKind.Utc);

    private static ReportContent Content(string narrative) =>
        new(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), narrative,
            [new IndicatorActual("入户探访", 160m)], [new PeopleServed(TargetGroup.Elderly, 85)],
            [new Spending(SpendingCategory.Personnel, 30_000m), new Spending(SpendingCategory.Activities, 12_500.50m)]);

    private static string Code(Action action) => Assert.Throws<DomainException>(action).Code;

    [Fact]
    public void Submit_freezes_a_version_and_makes_the_report_read_only_for_the_agency()
    {
        var report = new MilestoneReport(1, 2, 3, T0);
        report.SaveDraft(Content("第一稿"), T0);

        var version = report.Submit("agency", T0.AddHours(1));

        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Equal(1, version.Number);
        Assert.Equal("第一稿", version.Content.Narrative);
        Assert.Equal(42_500.50m, version.Content.SpendingTotal);
        Assert.Equal("Report.ReadOnly", Code(() => report.SaveDraft(Content("偷改"), T0)));
        Assert.Equal("Report.ReadOnly", Code(() => report.Submit("agency", T0)));
    }

    [Fact]
    public void Return_needs_a_comment_then_resubmission_creates_a_new_version_and_keeps_the_old()
    {
        var report = new MilestoneReport(1, 2, 3, T0);
        report.SaveDraft(Content("第一稿"), T0);
        report.Submit("agency", T0);

        Assert.Equal("Report.ReturnNeedsComment", Code(() => report.Return("officer", " ", new Dictionary<string, string>(), T0)));
        report.Return("officer", "请补充服务台账", new Dictionary<string, string> { ["Narrative"] = "缺少入户记录" }, T0.AddDays(1));
        Assert.Equal(ReportStatus.Returned, report.Status);
        Assert.Equal("缺少入户记录", report.Latest!.FieldComments["Narrative"]);

        report.SaveDraft(Content("第二稿"), T0.AddDays(2));
        report.Submit("agency", T0.AddDays(2));

        Assert.Equal(ReportStatus.Resubmitted, report.Status);
        Assert.Equal([1, 2], report.Versions.Select(v => v.Number));
        Assert.Equal("第一稿", report.Versions[0].Content.Narrative);
        Assert.Equal(ReviewOutcome.Returned, report.Versions[0].Outcome);
        Assert.Null(report.Versions[1].Outcome);
    }

    [Fact]
    public void Only_a_submitted_report_can_be_reviewed_and_an_approved_one_is_final()
    {
        var report = new MilestoneReport(1, 2, 3, T0);
        Assert.Equal("Report.NotAwaitingReview", Code(() => report.Approve("officer", null, T0)));

        report.SaveDraft(Content("稿"), T0);
        report.Submit("agency", T0);
        report.Approve("officer", "同意", T0);

        Assert.Equal(ReportStatus.Approved, report.Status);
        Assert.Equal(ReviewOutcome.Approved, report.Latest!.Outcome);
        Assert.Equal("Report.NotAwaitingReview", Code(() => report.Return("officer", "再改", new Dictionary<string, string>(), T0)));
        Assert.Equal("Report.ReadOnly", Code(() => report.SaveDraft(Content("改"), T0)));
    }
}

public class DeadlinesTests
{
    private static readonly DateOnly Due = new(2026, 6, 30);

    [Theory]
    [InlineData("2026-06-30T15:59:59Z", 0)] // 23:59:59 in Diqing on the due date
    [InlineData("2026-06-30T16:00:00Z", 1)] // 00:00 China time, 1 July
    [InlineData("2026-07-10T03:00:00Z", 10)]
    [InlineData("2026-06-29T20:00:00Z", 0)]
    public void Overdue_days_count_china_calendar_days(string nowUtc, int expected)
    {
        var now = DateTime.Parse(nowUtc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(expected, Deadlines.DaysOverdue(Due, reportApproved: false, now));
        Assert.Equal(expected > 0, Deadlines.IsOverdue(Due, false, now));
    }

    [Fact]
    public void An_approved_report_is_never_overdue() =>
        Assert.Equal(0, Deadlines.DaysOverdue(Due, reportApproved: true, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)));

    [Fact]
    public void Days_left_count_down_to_zero_on_the_due_date_in_china()
    {
        Assert.Equal(7, Deadlines.DaysLeft(Due, false, new DateTime(2026, 6, 23, 1, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(0, Deadlines.DaysLeft(Due, false, new DateTime(2026, 6, 29, 16, 30, 0, DateTimeKind.Utc)));
        Assert.Null(Deadlines.DaysLeft(Due, false, new DateTime(2026, 6, 30, 16, 30, 0, DateTimeKind.Utc)));
    }
}
