using ClosedXML.Excel;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Tests.Features.Exports;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

/// <summary>
/// 公益创投评分表 from a competition run through the application handlers: three judges, two scored
/// entries (one with a spread above the threshold, awarded; one skipped) and one entry nobody scored.
/// </summary>
public sealed class CompetitionScoreLedgerTests : IAsyncLifetime
{
    private const string CompetitionName = "2026年公益创投大赛（评分表）";

    private TestApp _app = null!;
    private ApplicationUser[] _judges = null!;
    private int _competitionId;
    private int _awarded;
    private int _skipped;
    private int _unscored;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        var deqin = await _app.AddAgencyAsync();
        var shangriLa = await _app.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025");
        _judges = [await _app.AddUserAsync("j1", Roles.Judge), await _app.AddUserAsync("j2", Roles.Judge), await _app.AddUserAsync("j3", Roles.Judge)];

        var now = ChinaTime.FromUtc(DateTime.UtcNow);
        _competitionId = await Organizer<SaveCompetitionHandler>().HandleAsync(new SaveCompetitionCommand
        {
            Name = CompetitionName, Year = 2026, Theme = "一老一小", BudgetPool = 150_000m, CapPerEntry = 100_000m, EligibleGroups = [TargetGroup.Elderly],
            SubmissionOpens = now.AddDays(-1), SubmissionCloses = now.AddDays(10), JudgingOpens = now.AddDays(11), JudgingCloses = now.AddDays(30), JudgesPerEntry = 3,
            Criteria = [new() { Name = "需求", MaxPoints = 60m }, new() { Name = "设计", MaxPoints = 40m }],
        });
        await Organizer<ChooseJudgePanelHandler>().HandleAsync(new ChooseJudgePanelCommand(_competitionId, _judges.Select(j => j.Id).ToList()));
        await Organizer<CompetitionTransitions>().OpenAsync(_competitionId);

        _awarded = await SubmitEntryAsync(deqin, "独居老人互助", 90_000m);
        _skipped = await SubmitEntryAsync(shangriLa, "老年康养", 80_000m);
        _unscored = await SubmitEntryAsync(shangriLa, "儿童之家", 30_000m);
        await Organizer<CompetitionTransitions>().StartJudgingAsync(_competitionId);
        foreach (var judge in _judges)
        {
            await AsJudge<DeclareConflictsHandler>(judge).HandleAsync(new DeclareConflictsCommand(_competitionId, []));
        }

        await Organizer<AssignJudgesHandler>().HandleAsync(_competitionId);

        // Totals 90.5, 60, 85.25: final 78.58333…, spread 30.5 (above the threshold of 20).
        await ScoreAsync(_judges[0], _awarded, 54.5m, 36m);
        await ScoreAsync(_judges[1], _awarded, 36m, 24m);
        await ScoreAsync(_judges[2], _awarded, 51m, 34.25m);

        // Totals 70, 75, 80: final 75, spread 10.
        await ScoreAsync(_judges[0], _skipped, 42m, 28m);
        await ScoreAsync(_judges[1], _skipped, 45m, 30m);
        await ScoreAsync(_judges[2], _skipped, 48m, 32m);

        // Nobody scored the third entry and the judging window is open: an early publication (R-28).
        await Organizer<CompetitionTransitions>().PublishAsync(_competitionId, "评分表测试");
        await Organizer<AwardEntryHandler>().HandleAsync(new AwardEntryCommand(_competitionId, _awarded));
        await Organizer<SkipEntryHandler>().HandleAsync(new SkipEntryCommand(_skipped, "资金池余额不足"));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Score_sheet_has_a_row_per_entry_and_judge_with_the_scoring_results_and_database_totals()
    {
        var (workbook, file) = await LedgerAssert.ExportAsync(_app, new CompetitionScoreLedgerRequest(_competitionId), Roles.ProcurementOfficer, userName: "officer");
        using var _ = workbook;
        var sheet = workbook.Worksheet(CompetitionName);

        Assert.Matches(@"^公益创投评分表-\d{8}\.xlsx$", file.FileName);
        Assert.Equal("公益创投评分表：" + CompetitionName, sheet.Cell(1, 1).GetString());
        Assert.Equal(
            ["名次", "参赛项目", "承接机构", "评委", "需求（60 分）", "设计（40 分）", "评委总分", "最终得分", "分差", "分差过大", "立项结果", "申请金额（元）", "立项金额（元）"],
            LedgerAssert.Headers(sheet));

        // One row per submitted sheet, and one for the entry nobody has scored.
        Assert.Equal(7, file.RowCount);
        Assert.Equal(7, LedgerAssert.DataRows(sheet));
        var rows = Enumerable.Range(LedgerAssert.HeaderRow + 1, 7).Select(r => sheet.Row(r)).ToList();
        Assert.Equal(["独居老人互助", "独居老人互助", "独居老人互助", "老年康养", "老年康养", "老年康养", "儿童之家"], rows.Select(r => r.Cell(2).GetString()));

        // Each judge's points and total are the submitted sheet's (R-21: full precision in the database, two decimals in the file).
        await using (var db = await _app.DbAsync())
        {
            var sheets = await db.ScoreSheets.AsNoTracking().Where(s => s.CompetitionId == _competitionId && s.Status == ScoreSheetStatus.Submitted).ToListAsync();
            var criteria = await db.Competitions.AsNoTracking().Where(c => c.Id == _competitionId).SelectMany(c => c.Criteria).OrderBy(c => c.Order).ToListAsync();
            Assert.Equal(6, sheets.Count);
            foreach (var row in rows.Take(6))
            {
                var judge = _judges.Single(j => j.UserName == row.Cell(4).GetString());
                var entry = row.Cell(2).GetString() == "独居老人互助" ? _awarded : _skipped;
                var scored = sheets.Single(s => s.EntryId == entry && s.JudgeId == judge.Id);
                Assert.Equal(scored.Scores.Single(s => s.CriterionId == criteria[0].Id).Points, LedgerAssert.Number(row.Cell(5)));
                Assert.Equal(scored.Scores.Single(s => s.CriterionId == criteria[1].Id).Points, LedgerAssert.Number(row.Cell(6)));
                Assert.Equal(scored.Total, LedgerAssert.Number(row.Cell(7)));
            }
        }

        Assert.Equal(["j1", "j2", "j3"], rows.Take(3).Select(r => r.Cell(4).GetString())); // judges in name order
        LedgerAssert.Formats(sheet, "评委总分", "0.00");
        LedgerAssert.Formats(sheet, "最终得分", "0.00");
        LedgerAssert.Formats(sheet, "申请金额（元）", "#,##0.00");

        // Rank, final score, spread and flag are CompetitionScoring's, on the entry's first row only.
        var results = await Organizer<GetResultsHandler>().HandleAsync(_competitionId);
        var first = results.Rows.Single(r => r.EntryId == _awarded);
        var second = results.Rows.Single(r => r.EntryId == _skipped);
        Assert.Equal((1, 2), (first.Rank, second.Rank));
        Assert.Equal(1m, LedgerAssert.Number(rows[0].Cell(1)));
        Assert.Equal(CompetitionScoring.ForDisplay(first.FinalScore), LedgerAssert.Number(rows[0].Cell(8)));
        Assert.Equal(78.58m, LedgerAssert.Number(rows[0].Cell(8)));
        Assert.Equal(first.Spread, LedgerAssert.Number(rows[0].Cell(9)));
        Assert.True(first.SpreadFlagged);
        Assert.Equal("是", rows[0].Cell(10).GetString());
        Assert.Equal("已立项", rows[0].Cell(11).GetString());
        Assert.Equal(90_000m, LedgerAssert.Number(rows[0].Cell(13)));
        Assert.All(rows.Skip(1).Take(2), r => Assert.True(r.Cell(1).IsEmpty() && r.Cell(8).IsEmpty() && r.Cell(10).IsEmpty() && r.Cell(13).IsEmpty()));

        Assert.Equal(2m, LedgerAssert.Number(rows[3].Cell(1)));
        Assert.Equal(CompetitionScoring.ForDisplay(second.FinalScore), LedgerAssert.Number(rows[3].Cell(8)));
        Assert.Equal(second.Spread, LedgerAssert.Number(rows[3].Cell(9)));
        Assert.False(second.SpreadFlagged);
        Assert.True(rows[3].Cell(10).IsEmpty());
        Assert.Equal("未立项", rows[3].Cell(11).GetString());
        Assert.True(rows[3].Cell(13).IsEmpty());

        Assert.True(rows[6].Cell(1).IsEmpty() && rows[6].Cell(4).IsEmpty() && rows[6].Cell(8).IsEmpty());
        Assert.Equal("待定", rows[6].Cell(11).GetString());

        // R-24: totals are formulas equal to the database.
        await using (var db = await _app.DbAsync())
        {
            var entries = await db.CompetitionEntries.AsNoTracking().Where(e => e.CompetitionId == _competitionId && e.Status == EntryStatus.Submitted).ToListAsync();
            var contracts = await db.Contracts.AsNoTracking().Where(c => c.CompetitionEntryId != null).SumAsync(c => c.Amount);
            Assert.Equal(3, entries.Count);
            LedgerAssert.TotalIs(sheet, "申请金额（元）", entries.Sum(e => e.RequestedAmount));
            LedgerAssert.TotalIs(sheet, "立项金额（元）", entries.Where(e => e.Award == AwardDecision.Awarded).Sum(e => e.RequestedAmount));
            LedgerAssert.TotalIs(sheet, "立项金额（元）", contracts);
            LedgerAssert.TotalIs(sheet, "分差过大", results.Rows.Count(r => r.SpreadFlagged));
        }

        LedgerAssert.PrintReady(sheet);
    }

    private T Organizer<T>() where T : notnull => _app.As<T>(Roles.ProcurementOfficer, userName: "officer");

    private T AsJudge<T>(ApplicationUser judge) where T : notnull =>
        _app.Scope(TestApp.Principal(Roles.Judge, null, judge.UserName!, judge.Id)).ServiceProvider.GetRequiredService<T>();

    private async Task<int> SubmitEntryAsync(int agencyId, string title, decimal amount)
    {
        var id = await _app.As<SaveEntryHandler>(Roles.AgencyUser, agencyId).HandleAsync(new SaveEntryCommand
        {
            CompetitionId = _competitionId, Title = title, TargetGroups = [TargetGroup.Elderly], Problem = "问题", Plan = "计划", ExpectedOutcomes = "成效",
            RequestedAmount = amount, BudgetLines = [new() { Item = "人员", Amount = amount - 10_000m }, new() { Item = "活动", Amount = 10_000m }],
        });
        await _app.As<SubmitEntryHandler>(Roles.AgencyUser, agencyId).HandleAsync(id);
        return id;
    }

    private async Task ScoreAsync(ApplicationUser judge, int entryId, params decimal[] points)
    {
        var competition = await Organizer<GetCompetitionHandler>().HandleAsync(_competitionId);
        var scores = competition.Criteria.Select((c, i) => new CriterionScore(c.Id, points[i], null)).ToList();
        await AsJudge<SubmitScoreSheetHandler>(judge).HandleAsync(new SaveScoreSheetCommand(entryId, scores));
    }
}
