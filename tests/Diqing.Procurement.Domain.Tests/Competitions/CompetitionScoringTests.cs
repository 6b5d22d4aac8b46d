using Diqing.Procurement.Domain.Competitions;

namespace Diqing.Procurement.Domain.Tests.Competitions;

/// <summary>Hand-computed examples for. Rubric: need 20, design 25, feasibility 20, budget 15, sustainability 10, capacity 10.</summary>
public class CompetitionScoringTests
{
    private static readonly ScoringCriterion[] Rubric =
    [
        new(1, 20m, 1), new(2, 25m, 2), new(3, 20m, 3), new(4, 15m, 4), new(5, 10m, 5), new(6, 10m, 6),
    ];

    private static readonly DateTime T = new(2026, 4, 1, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>A sheet whose design score (criterion 2) is given and the rest fill up to the total.</summary>
    private static JudgeScores Sheet(string judge, decimal total, decimal design = 20m)
    {
        var rest = total - design;
        return new JudgeScores(judge, new Dictionary<int, decimal>
        {
            [1] = rest * 0.25m, [2] = design, [3] = rest * 0.25m, [4] = rest * 0.2m, [5] = rest * 0.15m, [6] = rest * 0.15m,
        });
    }

    private static EntryScores Entry(int id, params JudgeScores[] sheets) => new(id, T.AddMinutes(id), sheets);

    [Fact]
    public void Four_judges_take_the_plain_mean()
    {
        // (80 + 90 + 70 + 61) / 4 = 75.25
        var result = CompetitionScoring.Rank(Rubric, [Entry(1, Sheet("a", 80), Sheet("b", 90), Sheet("c", 70), Sheet("d", 61))]).Single();

        Assert.Equal(75.25m, result.FinalScore);
        Assert.False(result.Trimmed);
        Assert.Equal(29m, result.Spread);
        Assert.True(result.SpreadFlagged);
    }

    [Fact]
    public void Five_judges_drop_one_highest_and_one_lowest()
    {
        // Totals 95, 88, 84, 80, 60: drop 95 and 60, (88 + 84 + 80) / 3 = 84
        var result = CompetitionScoring.Rank(Rubric, [Entry(1, Sheet("a", 95), Sheet("b", 88), Sheet("c", 84), Sheet("d", 80), Sheet("e", 60))]).Single();

        Assert.Equal(84m, result.FinalScore);
        Assert.True(result.Trimmed);
        Assert.Equal(35m, result.Spread);
    }

    [Fact]
    public void Seven_judges_drop_only_one_highest_and_one_lowest_and_keep_full_precision()
    {
        // Totals 90, 90, 85, 82, 81, 79, 50: drop one 90 and the 50, (90 + 85 + 82 + 81 + 79) / 5 = 83.4
        var seven = Entry(1, Sheet("a", 90), Sheet("b", 90), Sheet("c", 85), Sheet("d", 82), Sheet("e", 81), Sheet("f", 79), Sheet("g", 50));
        Assert.Equal(83.4m, CompetitionScoring.Rank(Rubric, [seven]).Single().FinalScore);

        // (80 + 80 + 81) / 3 = 80.333…: ranking uses every digit; display rounds half away from zero.
        var thirds = CompetitionScoring.Rank(Rubric, [Entry(2, Sheet("a", 80), Sheet("b", 80), Sheet("c", 81))]).Single();
        Assert.Equal(241m / 3m, thirds.FinalScore);
        Assert.Equal(80.33m, CompetitionScoring.ForDisplay(thirds.FinalScore));
        Assert.Equal(80.35m, CompetitionScoring.ForDisplay(80.345m));
    }

    [Fact]
    public void Ranking_is_by_final_score_without_rounding_first()
    {
        // 80.004 and 80.001 both show as 80.00, but the first ranks higher.
        var results = CompetitionScoring.Rank(Rubric,
        [
            Entry(1, Sheet("a", 80.001m)),
            Entry(2, Sheet("a", 80.004m)),
        ]);

        Assert.Equal([2, 1], results.Select(r => r.EntryId));
    }

    [Fact]
    public void Ties_are_broken_by_the_largest_criterion_then_by_earlier_submission()
    {
        var results = CompetitionScoring.Rank(Rubric,
        [
            new EntryScores(1, T.AddHours(1), [Sheet("a", 80, design: 20), Sheet("b", 80, design: 20)]),
            new EntryScores(2, T.AddHours(2), [Sheet("a", 80, design: 22), Sheet("b", 80, design: 21)]),
            new EntryScores(3, T, [Sheet("a", 80, design: 20), Sheet("b", 80, design: 20)]),
            new EntryScores(4, T, [Sheet("a", 81, design: 5), Sheet("b", 81, design: 5)]),
        ]);

        // 4 has the best score; 2 wins the design tie-break (21.5); 3 was submitted before 1.
        Assert.Equal([4, 2, 3, 1], results.Select(r => r.EntryId));
        Assert.Equal([1, 2, 3, 4], results.Select(r => r.Rank));
        Assert.Equal(21.5m, results[1].TieBreakScore);
    }

    [Fact]
    public void Spread_flag_uses_the_configurable_threshold()
    {
        var entry = Entry(1, Sheet("a", 70), Sheet("b", 85));
        Assert.False(CompetitionScoring.Rank(Rubric, [entry]).Single().SpreadFlagged);
        Assert.True(CompetitionScoring.Rank(Rubric, [entry], spreadThreshold: 10m).Single().SpreadFlagged);
    }

    [Fact]
    public void Z_scores_reveal_a_harsh_judge()
    {
        // Judge "harsh" scores everything 30 lower. Entry 1: lenient 90, harsh 50; entry 2: lenient 70, harsh 40;
        // entry 3: only the harsh judge, 45.
        // lenient: mean 80, sd 10 → z(1) = 1, z(2) = -1.
        // harsh: totals 50, 40, 45 → mean 45, sd = sqrt((25 + 25 + 0) / 3) = 4.0825 → z(1) = 1.2247, z(2) = -1.2247, z(3) = 0.
        var results = CompetitionScoring.Rank(Rubric,
        [
            Entry(1, Sheet("lenient", 90), Sheet("harsh", 50)),
            Entry(2, Sheet("lenient", 70), Sheet("harsh", 40)),
            Entry(3, Sheet("harsh", 45)),
        ], withNormalized: true);

        var byEntry = results.ToDictionary(r => r.EntryId);
        Assert.Equal(1.1124, byEntry[1].NormalizedScore!.Value, 4);
        Assert.Equal(-1.1124, byEntry[2].NormalizedScore!.Value, 4);
        Assert.Equal(0, byEntry[3].NormalizedScore!.Value, 6);

        // Officially 1, 2, 3 (means 70, 55, 45); normalised, entry 3 (seen only by the harsh judge) moves above entry 2.
        Assert.Equal([1, 2, 3], results.Select(r => r.EntryId));
        Assert.Equal(2, byEntry[3].NormalizedRank);
        Assert.Equal(3, byEntry[2].NormalizedRank);
    }

    [Fact]
    public void Entries_without_submitted_sheets_are_not_ranked() =>
        Assert.Empty(CompetitionScoring.Rank(Rubric, [new EntryScores(1, T, [])]));
}
