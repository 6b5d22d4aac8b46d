using ClosedXML.Excel;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Tests.Features.Exports;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Reports;

/// <summary>项目进度台账 with real reports: the actuals come from the latest submitted version, never from a draft. Own database.</summary>
public sealed class ProgressLedgerTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _agencyId;
    private SignedContract _contract = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _agencyId = await _app.AddAgencyAsync();
        _contract = await new ContractScenario(_app).SignedAsync(_agencyId, 100_000m);
        await _app.As<ContractTransitions>(Roles.ProcurementOfficer).StartAsync(_contract.ContractId);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Indicator_actuals_come_from_the_latest_submitted_report()
    {
        var form = _app.As<WriteReportHandler>(Roles.AgencyUser, _agencyId, "deqin-user");
        var review = _app.As<ReviewReportHandler>(Roles.ProcurementOfficer, userName: "officer");
        var draft = await form.OpenAsync(_contract.MidTermMilestoneId);
        var submitted = await form.SubmitAsync(draft.ReportId, draft.Version, Content(160m));
        await review.ReturnAsync(submitted.ReportId, "请补充活动照片");
        var returned = await form.OpenAsync(_contract.MidTermMilestoneId);
        await form.SaveDraftAsync(returned.ReportId, returned.Version, Content(200m)); // a draft: not reported yet

        using (var workbook = await ExportAsync())
        {
            var (midTerm, completion) = Rows(workbook.Worksheet(1));
            Assert.Equal("已退回", Cell(midTerm, "报告状态").GetString());
            Assert.Equal("入户探访：目标 300人次，实际 160", Cell(midTerm, "绩效指标（目标／实际）").GetString());
            Assert.Equal(ChinaTime.FromUtc(await SubmittedAtAsync()), Cell(midTerm, "提交时间").GetDateTime(), TimeSpan.FromSeconds(1));
            Assert.True(Cell(midTerm, "通过时间").IsEmpty());
            Assert.Equal("未提交", Cell(completion, "报告状态").GetString());
            Assert.Equal("入户探访：目标 300人次，实际 —", Cell(completion, "绩效指标（目标／实际）").GetString());
        }

        returned = await form.OpenAsync(_contract.MidTermMilestoneId);
        var resubmitted = await form.SubmitAsync(returned.ReportId, returned.Version, Content(200m));
        await review.ApproveAsync(resubmitted.ReportId, "同意");

        using (var workbook = await ExportAsync())
        {
            var sheet = workbook.Worksheet(1);
            var (midTerm, _) = Rows(sheet);
            await using var db = await _app.DbAsync();
            var approvedAt = (await db.Milestones.SingleAsync(m => m.Id == _contract.MidTermMilestoneId)).ReportApprovedAtUtc!.Value;
            Assert.Equal("已通过", Cell(midTerm, "报告状态").GetString());
            Assert.Equal("入户探访：目标 300人次，实际 200", Cell(midTerm, "绩效指标（目标／实际）").GetString());
            Assert.Equal(ChinaTime.FromUtc(approvedAt), Cell(midTerm, "通过时间").GetDateTime(), TimeSpan.FromSeconds(1));
            Assert.Equal(0m, LedgerAssert.Number(Cell(midTerm, "逾期天数")));
            LedgerAssert.Formats(sheet, "提交时间", "yyyy-mm-dd hh:mm:ss");
            LedgerAssert.TotalIs(sheet, "项目名称", await db.Milestones.CountAsync(m => m.ContractId == _contract.ContractId));
        }
    }

    private async Task<XLWorkbook> ExportAsync() =>
        (await LedgerAssert.ExportAsync(_app, new ProgressLedgerRequest { ContractId = _contract.ContractId }, Roles.ProcurementOfficer, userName: "officer")).Workbook;

    private async Task<DateTime> SubmittedAtAsync()
    {
        await using var db = await _app.DbAsync();
        return (await db.MilestoneReports.SingleAsync(r => r.MilestoneId == _contract.MidTermMilestoneId)).LastSubmittedAtUtc!.Value;
    }

    /// <summary>The mid-term and completion milestone rows, in due-date order.</summary>
    private static (IXLRow MidTerm, IXLRow Completion) Rows(IXLWorksheet sheet)
    {
        Assert.Equal(2, LedgerAssert.DataRows(sheet));
        return (sheet.Row(LedgerAssert.HeaderRow + 1), sheet.Row(LedgerAssert.HeaderRow + 2));
    }

    private static IXLCell Cell(IXLRow row, string header) => row.Cell(LedgerAssert.Column(row.Worksheet, header));

    private static ReportContent Content(decimal visits) => new(
        new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), "本期完成入户探访若干人次，开展康乐活动12场，服务对象满意度较高。",
        [new IndicatorActual("入户探访", visits)],
        [new PeopleServed(TargetGroup.PeopleInDifficulty, 85), new PeopleServed(TargetGroup.Elderly, 40)],
        [new Spending(SpendingCategory.Personnel, 18_000m), new Spending(SpendingCategory.Activities, 6_500m),
         new Spending(SpendingCategory.Materials, 2_000m), new Spending(SpendingCategory.Administration, 0m)]);
}

/// <summary>项目进度台账 on the shared ledger data.</summary>
[Collection(LedgerCollection.Name)]
public sealed class ProgressLedgerScopeTests(LedgerData data)
{
    [Fact]
    public async Task Progress_ledger_has_each_milestone_and_counts_the_overdue_ones_like_the_overdue_page()
    {
        var (workbook, file) = await data.ExportAsync(new ProgressLedgerRequest(), Roles.ProcurementOfficer);
        using var _ = workbook;
        var sheet = workbook.Worksheet(1);

        var milestones = await data.QueryAsync(db => db.Milestones.CountAsync(m => db.Contracts.Any(c => c.Id == m.ContractId && c.Status != Domain.Contracts.ContractStatus.Draft)));
        var overdue = await data.App.As<ListOverdueMilestonesHandler>(Roles.ProcurementOfficer).HandleAsync();
        Assert.Equal(milestones, file.RowCount);
        LedgerAssert.TotalIs(sheet, "项目名称", milestones);
        LedgerAssert.TotalIs(sheet, "逾期天数", overdue.Count);
        Assert.Equal("\"共 \"0\" 个里程碑\"", LedgerAssert.Total(sheet, "项目名称").Style.NumberFormat.Format);
        Assert.Equal("\"逾期 \"0\" 项\"", LedgerAssert.Total(sheet, "逾期天数").Style.NumberFormat.Format);
        Assert.All(LedgerAssert.ColumnCells(sheet, "报告状态"), c => Assert.Equal("未提交", c.GetString()));
        Assert.All(LedgerAssert.ColumnCells(sheet, "绩效指标（目标／实际）"), c => Assert.StartsWith("入户探访：目标 300人次，实际 —", c.GetString()));
        LedgerAssert.Formats(sheet, "截止日期", "yyyy-mm-dd");
        LedgerAssert.PrintReady(sheet);

        var (own, ownFile) = await data.ExportAsync(new ProgressLedgerRequest(), Roles.AgencyUser, data.Injected, "injected-user");
        own.Dispose();
        Assert.Equal(await data.QueryAsync(db => db.Milestones.CountAsync(m => m.ContractId == data.Second.ContractId)), ownFile.RowCount);
    }
}
