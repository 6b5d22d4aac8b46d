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
        competition.PublishResults(Complete, null, Closes.AddDays(21));
        competition.Close();
        Assert.Equal(CompetitionPhase.Closed, competition.Phase);
    }

    private static readonly JudgingGaps Complete = new([], [], [], null);

    [Theory]
    [InlineData(CompetitionPhase.Draft, "Open,Edit,ChoosePanel,ViewEntries")]
    [InlineData(CompetitionPhase.OpenForEntries, "StartJudging,Edit,ChoosePanel,Enter,ViewEntries")]
    [InlineData(CompetitionPhase.Judging, "Publish,ChoosePanel,DeclareConflicts,AssignJudges,Score,ViewJudging,ViewCoverage,ViewResults,ExportScores,ViewEntries")]
    [InlineData(CompetitionPhase.ResultsPublished, "Close,ViewJudging,ViewCoverage,ViewResults,ExportScores,Award,ViewEntries")]
    [InlineData(CompetitionPhase.Closed, "ViewJudging,ViewCoverage,ViewResults,ExportScores,ViewEntries")]
    public void One_table_says_which_phase_allows_which_action(CompetitionPhase phase, string allowed) =>
        Assert.Equal(allowed.Split(',').Select(Enum.Parse<CompetitionAction>).Order(),
            Enum.GetValues<CompetitionAction>().Where(a => Competition.Allows(phase, a)).Order());

    [Fact]
    public void R18_entries_are_accepted_from_the_opening_instant_until_just_before_the_close()
    {
        var competition = Open();
        Assert.False(competition.AcceptsEntries(Opens.AddTicks(-1)));
        Assert.True(competition.AcceptsEntries(Opens));
        Assert.True(competition.AcceptsEntries(Closes.AddTicks(-1)));
        Assert.False(competition.AcceptsEntries(Closes));
        competition.SetJudges(["j1"]);
        competition.StartJudging();
        Assert.False(competition.AcceptsEntries(Opens.AddDays(1))); // the window is open, the phase is not
    }

    [Fact]
    public void R28_gaps_name_undeclared_judges_missing_sheets_unassigned_entries_and_an_open_window()
    {
        var competition = Open();
        competition.SetJudges(["j1", "j2", "j3"]);
        var declarations = new[] { new ConflictDeclaration(0, "j1", [], Opens), new ConflictDeclaration(0, "j2", [20], Opens) };
        var assignments = new[] { new JudgeAssignment(0, 1, "j1"), new JudgeAssignment(0, 2, "j1"), new JudgeAssignment(0, 2, "j2") };
        var submitted = new ScoreSheet(0, 1, "j1");
        submitted.Save([], []);
        typeof(ScoreSheet).GetProperty(nameof(ScoreSheet.Status))!.SetValue(submitted, ScoreSheetStatus.Submitted);
        var draft = new ScoreSheet(0, 2, "j1");
        var judgingCloses = Closes.AddDays(20);

        var gaps = competition.GapsIn([(1, 10), (2, 20), (3, 10)], declarations, assignments, [submitted, draft], judgingCloses.AddTicks(-1));

        Assert.Equal(["j3"], gaps.UndeclaredJudgeIds);
        Assert.Equal([new MissingSheet("j1", 2)], gaps.MissingSheets); // j2's assignment to an agency it declared does not count
        Assert.Equal([3], gaps.UnassignedEntryIds);
        Assert.Equal(judgingCloses, gaps.WindowClosesAtUtc);
        Assert.False(gaps.IsComplete);
        Assert.Null(competition.GapsIn([(1, 10)], declarations, [new JudgeAssignment(0, 1, "j1")], [submitted], judgingCloses).WindowClosesAtUtc);
    }

    [Fact]
    public void R28_incomplete_judging_is_published_only_with_a_reason_which_is_kept()
    {
        var competition = Open();
        competition.SetJudges(["j1"]);
        competition.StartJudging();
        var incomplete = new JudgingGaps(["j1"], [], [], null);

        var refused = Assert.Throws<DomainException>(() => competition.PublishResults(incomplete, "  ", Opens));
        Assert.Equal(("Competition.JudgingIncomplete", incomplete), (refused.Code, refused.Arguments[0]));
        Assert.Equal(CompetitionPhase.Judging, competition.Phase);

        competition.PublishResults(incomplete, " 年度预算须在月底前下达 ", Opens.AddDays(2));
        Assert.Equal((CompetitionPhase.ResultsPublished, "年度预算须在月底前下达", Opens.AddDays(2)),
            (competition.Phase, competition.EarlyPublicationReason, competition.ResultsPublishedAtUtc));
    }

    [Fact]
    public void R28_complete_judging_is_published_without_a_reason_and_records_none()
    {
        var competition = Open();
        competition.SetJudges(["j1"]);
        competition.StartJudging();
        competition.PublishResults(Complete, "不需要", Opens);
        Assert.Null(competition.EarlyPublicationReason);
    }

    [Fact]
    public void R20_points_lie_between_zero_and_the_maximum()
    {
        Assert.True(ScoreSheet.PointsAllowed(0m, 20m));
        Assert.True(ScoreSheet.PointsAllowed(20m, 20m));
        Assert.False(ScoreSheet.PointsAllowed(20.01m, 20m));
        Assert.False(ScoreSheet.PointsAllowed(-0.5m, 20m));
    }

    private static RubricCriterion WithId(RubricCriterion criterion, int id)
    {
        typeof(RubricCriterion).GetProperty(nameof(RubricCriterion.Id))!.SetValue(criterion, id);
        return criterion;
    }
}
