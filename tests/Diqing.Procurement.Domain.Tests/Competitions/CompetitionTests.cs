using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;

namespace Diqing.Procurement.Domain.Tests.Competitions;

public class CompetitionTests
{
    private static readonly DateTime Opens = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Closes = new(2026, 3, 31, 16, 0, 0, DateTimeKind.Utc);

    internal static readonly CriterionPlan[] Rubric =
    [
        new("需求分析", "需求是否真实、迫切", 20m), new("项目设计", null, 25m), new("可行性", null, 20m),
        new("预算合理性", null, 15m), new("可持续性", null, 10m), new("机构能力", null, 10m),
    ];

    internal static Competition Open()
    {
        var competition = new Competition("2026年迪庆州公益创投大赛", 2026, "一老一小一残一困", 500_000m, 100_000m,
            [TargetGroup.Elderly, TargetGroup.Children, TargetGroup.Disabled, TargetGroup.PeopleInDifficulty],
            Opens, Closes, Closes.AddDays(1), Closes.AddDays(20));
        competition.SetRubric(Rubric, hasEntries: false);
        competition.OpenForEntries();
        return competition;
    }

    private static Agency ActiveAgency()
    {
        var agency = new Agency("德钦县社会工作服务中心", "52533422MJD000001F", County.Deqin);
        typeof(Agency).GetProperty(nameof(Agency.Id))!.SetValue(agency, 7);
        return agency;
    }

    internal static EntryDetails Details(decimal amount = 80_000m, params BudgetLine[] lines) => new(
        "困境儿童陪伴计划", [TargetGroup.Children], "留守儿童缺少陪伴", "每周两次课后陪伴", "服务 60 名儿童",
        amount, lines.Length == 0 ? [new BudgetLine("人员", 50_000m), new BudgetLine("活动", 30_000m)] : lines);

    private static string Code(Action action) => Assert.Throws<DomainException>(action).Code;

    [Fact]
    public void The_rubric_must_add_up_to_100()
    {
        var competition = new Competition("赛", 2026, "t", 1_000m, 100m, [TargetGroup.Elderly], Opens, Closes, Closes, Closes.AddDays(1));
        Assert.Equal("Competition.RubricNot100", Code(() => competition.SetRubric([new CriterionPlan("a", null, 60m), new CriterionPlan("b", null, 39.5m)], false)));
        competition.SetRubric(Rubric, false);
        Assert.Equal(100m, competition.Criteria.Sum(c => c.MaxPoints));
    }

    [Fact]
    public void The_rubric_cannot_change_once_entries_exist() =>
        Assert.Equal("Competition.RubricFrozen", Code(() => Open().SetRubric(Rubric, hasEntries: true)));

    [Fact]
    public void R18_entries_inside_the_window_within_the_cap_are_accepted()
    {
        var entry = new CompetitionEntry(1, 7, Details());
        entry.Submit(Open(), ActiveAgency(), Opens.AddDays(3));
        Assert.Equal(EntryStatus.Submitted, entry.Status);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void R18_entries_outside_the_window_are_refused(int side)
    {
        var at = side < 0 ? Opens.AddTicks(-1) : Closes;
        Assert.Equal("Entry.OutsideWindow", Code(() => new CompetitionEntry(1, 7, Details()).Submit(Open(), ActiveAgency(), at)));
    }

    [Fact]
    public void R18_an_entry_above_the_cap_is_refused() =>
        Assert.Equal("Entry.AboveCap", Code(() => new CompetitionEntry(1, 7, Details(100_000.01m, new BudgetLine("人员", 100_000.01m)))
            .Submit(Open(), ActiveAgency(), Opens.AddDays(1))));

    [Fact]
    public void Budget_lines_must_add_up_to_the_requested_amount() =>
        Assert.Equal("Entry.BudgetNotAmount", Code(() => new CompetitionEntry(1, 7, Details(80_000m, new BudgetLine("人员", 79_999.99m)))
            .Submit(Open(), ActiveAgency(), Opens.AddDays(1))));

    [Fact]
    public void A_suspended_agency_cannot_submit()
    {
        var agency = ActiveAgency();
        agency.Suspend();
        Assert.Equal("Agency.Suspended", Code(() => new CompetitionEntry(1, 7, Details()).Submit(Open(), agency, Opens.AddDays(1))));
    }

    [Fact]
    public void R20_scores_stay_within_each_criterion_and_a_submitted_sheet_is_locked_until_reopened()
    {
        var competition = Open();
        var rubric = competition.Criteria.Select((c, i) => WithId(c, i + 1)).ToList();
        var sheet = new ScoreSheet(1, 1, "judge");

        Assert.Equal("Sheet.PointsOutOfRange", Code(() => sheet.Save(rubric, [new CriterionScore(2, 25.5m, null)])));
        Assert.Equal("Sheet.PointsOutOfRange", Code(() => sheet.Save(rubric, [new CriterionScore(1, -1m, null)])));
        sheet.Save(rubric, [new CriterionScore(1, 18m, "需求真实")]);
        Assert.Equal("Sheet.Incomplete", Code(() => sheet.Submit(rubric, Opens)));

        sheet.Save(rubric, rubric.Select(c => new CriterionScore(c.Id, c.MaxPoints - 2m, null)));
        sheet.Submit(rubric, Opens);
        Assert.Equal(88m, sheet.Total);
        Assert.Equal("Sheet.Locked", Code(() => sheet.Save(rubric, [new CriterionScore(1, 1m, null)])));

        sheet.Reopen("评委录入错误，经评审组同意重新打分");
        sheet.Save(rubric, [new CriterionScore(1, 1m, null)]);
    }

    [Fact]
    public void R19_assignment_skips_conflicted_pairs_and_spreads_the_load()
    {
        var entries = new[] { (EntryId: 1, AgencyId: 10), (EntryId: 2, AgencyId: 20), (EntryId: 3, AgencyId: 10) };
        var conflicts = new Dictionary<string, IReadOnlySet<int>> { ["j1"] = new HashSet<int> { 10 } };

        var pairs = JudgeAssignmentPlanner.Plan(entries, ["j1", "j2", "j3"], conflicts, [], judgesPerEntry: 2);

        Assert.DoesNotContain(pairs, p => p.JudgeId == "j1" && (p.EntryId == 1 || p.EntryId == 3));
        Assert.All(entries, e => Assert.Equal(2, pairs.Count(p => p.EntryId == e.EntryId)));
        Assert.Equal(6, pairs.Count);
        Assert.InRange(pairs.Count(p => p.JudgeId == "j1"), 1, 2);
    }

    [Fact]
    public void R19_coverage_falls_short_when_too_many_judges_are_conflicted()
    {
        var conflicts = new Dictionary<string, IReadOnlySet<int>> { ["j1"] = new HashSet<int> { 10 }, ["j2"] = new HashSet<int> { 10 } };
        var pairs = JudgeAssignmentPlanner.Plan([(1, 10)], ["j1", "j2", "j3"], conflicts, [], judgesPerEntry: 3);
        Assert.Equal([(1, "j3")], pairs);
    }

    [Fact]
    public void Phases_move_forward_only()
    {
        var competition = Open();
        Assert.Equal("Competition.NoJudges", Code(competition.StartJudging));
        competition.SetJudges(["j1"]);
        competition.StartJudging();
        Assert.Equal("Competition.WrongPhase", Code(competition.OpenForEntries));
        competition.PublishResults();
        competition.Close();
        Assert.Equal(CompetitionPhase.Closed, competition.Phase);
    }

    private static RubricCriterion WithId(RubricCriterion criterion, int id)
    {
        typeof(RubricCriterion).GetProperty(nameof(RubricCriterion.Id))!.SetValue(criterion, id);
        return criterion;
    }
}
