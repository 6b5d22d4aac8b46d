using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Setup;

/// <summary>
/// A venture competition being judged: two entries submitted in October 2026 and a panel of three.
/// The demo judge declared no conflict (one sheet submitted, one still a draft); judge2 declared a
/// conflict with the Deqin centre, so scores only the incubator's entry (submitted); judge3 has not
/// declared yet, which the organiser sees on the overview. Built from domain objects so the entries
/// keep their historical submission times. Judging is therefore incomplete: publishing is refused,
/// naming judge3's declaration, the judge's draft sheet and the judging window (open until 16 December).
/// </summary>
internal static class DemoCompetition
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProcurementDbContext>();
        if (await db.Competitions.AnyAsync(cancellationToken))
        {
            return;
        }

        var judge = await db.Users.SingleOrDefaultAsync(u => u.UserName == "judge", cancellationToken);
        var judge2 = await db.Users.SingleOrDefaultAsync(u => u.UserName == "judge2", cancellationToken);
        var judge3 = await db.Users.SingleOrDefaultAsync(u => u.UserName == "judge3", cancellationToken);
        var deqin = await db.Agencies.SingleOrDefaultAsync(a => a.UnifiedSocialCreditCode == "52533422MJD000001F", cancellationToken);
        var incubator = await db.Agencies.SingleOrDefaultAsync(a => a.UnifiedSocialCreditCode == "52533400MJD000003R", cancellationToken);
        if (judge is null || judge2 is null || judge3 is null || deqin is null || incubator is null)
        {
            return;
        }

        var competition = new Competition("2026年迪庆州公益创投大赛（演示）", 2026, "一老一小一残一困", 300_000m, 100_000m,
            [TargetGroup.Elderly, TargetGroup.Children, TargetGroup.Disabled, TargetGroup.PeopleInDifficulty],
            China(2026, 9, 1), China(2026, 11, 1), China(2026, 11, 2), China(2026, 12, 16));
        competition.SetRubric(
        [
            new("需求分析", "服务需求是否真实、迫切，有调研依据", 20m),
            new("项目设计", "目标、活动与成效之间的逻辑是否清楚", 25m),
            new("可行性", "实施计划、人员与进度是否可行", 20m),
            new("预算合理性", "预算是否与活动匹配、标准是否合理", 15m),
            new("可持续性", "项目结束后服务能否延续", 10m),
            new("机构能力", "机构过往服务与专业能力", 10m),
        ], hasEntries: false);
        competition.SetJudges([judge.Id, judge2.Id, judge3.Id]);
        competition.OpenForEntries();
        db.Competitions.Add(competition);
        await db.SaveChangesAsync(cancellationToken);

        var children = new CompetitionEntry(competition.Id, incubator.Id, new EntryDetails(
            "困境儿童“护苗”陪伴计划（演示）", [TargetGroup.Children],
            "部分儿童面临家庭暴力或厌学问题，缺少专业陪伴（演示数据）。", "每周两次个案辅导与小组活动，联动学校与社区。", "服务困境儿童 60 名，厌学情况改善率 70%。",
            95_000m, [new BudgetLine("社工人员", 60_000m), new BudgetLine("小组活动", 25_000m), new BudgetLine("督导与管理", 10_000m)]));
        var elderly = new CompetitionEntry(competition.Id, deqin.Id, new EntryDetails(
            "高海拔村落独居老人“暖冬”行动（演示）", [TargetGroup.Elderly],
            "高海拔村落独居老人冬季取暖与就医困难（演示数据）。", "入户评估、冬季物资链接与志愿者结对探访。", "结对服务独居老人 120 名。",
            80_000m, [new BudgetLine("入户探访", 30_000m), new BudgetLine("物资链接", 40_000m), new BudgetLine("志愿者培训", 10_000m)]));
        db.CompetitionEntries.AddRange(children, elderly);
        children.Submit(competition, incubator, China(2026, 10, 10));
        elderly.Submit(competition, deqin, China(2026, 10, 20));
        competition.StartJudging();
        await db.SaveChangesAsync(cancellationToken);

        db.ConflictDeclarations.AddRange(
            new ConflictDeclaration(competition.Id, judge.Id, [], China(2026, 11, 2)),
            new ConflictDeclaration(competition.Id, judge2.Id, [deqin.Id], China(2026, 11, 3)));
        db.JudgeAssignments.AddRange(
            new JudgeAssignment(competition.Id, children.Id, judge.Id),
            new JudgeAssignment(competition.Id, elderly.Id, judge.Id),
            new JudgeAssignment(competition.Id, children.Id, judge2.Id));
        var submitted = new ScoreSheet(competition.Id, children.Id, judge.Id);
        var points = new[] { 18m, 21m, 17m, 12m, 8m, 9m };
        submitted.Save(competition.Criteria, competition.Criteria.Select((c, i) => new CriterionScore(c.Id, points[i], i == 1 ? "活动设计扎实（演示）" : null)));
        submitted.Submit(competition.Criteria, China(2026, 11, 10));
        var draft = new ScoreSheet(competition.Id, elderly.Id, judge.Id);
        draft.Save(competition.Criteria, [new CriterionScore(competition.Criteria[0].Id, 17m, null)]);
        var second = new ScoreSheet(competition.Id, children.Id, judge2.Id);
        var points2 = new[] { 17m, 22m, 16m, 13m, 9m, 8m };
        second.Save(competition.Criteria, competition.Criteria.Select((c, i) => new CriterionScore(c.Id, points2[i], i == 3 ? "预算测算清楚（演示）" : null)));
        second.Submit(competition.Criteria, China(2026, 11, 12));
        db.ScoreSheets.AddRange(submitted, draft, second);

        // The children's entry came with its proposal, which its judges open from the entry page.
        var files = scope.ServiceProvider.GetRequiredService<Infrastructure.Files.IFileStore>();
        await using (var proposal = new MemoryStream(DemoContracts.DemoPdf("Hu Miao companionship plan - proposal (demo)")))
        {
            var (key, sha256) = await files.SaveAsync(proposal, cancellationToken);
            db.Attachments.Add(Domain.Reports.Attachment.ForEntry(children.Id, "项目申报书（演示）.pdf", proposal.Length, Domain.Reports.AttachmentKind.Pdf,
                sha256, key, "agency", China(2026, 10, 9)));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static DateTime China(int year, int month, int day) => ChinaTime.ToUtc(new DateTime(year, month, day, 9, 0, 0));
}
