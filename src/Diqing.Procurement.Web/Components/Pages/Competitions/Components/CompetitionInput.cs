using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;

namespace Diqing.Procurement.Web.Components.Pages.Competitions.Components;

/// <summary>What the competition form edits; windows are in China time, as the command expects. The rules stay in the domain.</summary>
public sealed class CompetitionInput
{
    public string Name { get; set; } = string.Empty;

    public int Year { get; set; } = ChinaTime.FromUtc(DateTime.UtcNow).Year;

    public string Theme { get; set; } = string.Empty;

    public decimal BudgetPool { get; set; }

    public decimal CapPerEntry { get; set; }

    public IReadOnlyCollection<TargetGroup> EligibleGroups { get; set; } = [];

    public DateTime? SubmissionOpens { get; set; }

    public DateTime? SubmissionCloses { get; set; }

    public DateTime? JudgingOpens { get; set; }

    public DateTime? JudgingCloses { get; set; }

    /// <summary>Not edited on the form (no funding picker yet) but kept, so that saving does not unlink it.</summary>
    public int? FundingSourceId { get; set; }

    public int JudgesPerEntry { get; set; } = 3;

    public decimal SpreadThreshold { get; set; } = 20m;

    public bool ShowNormalizedRanking { get; set; }

    public List<CriterionRow> Criteria { get; set; } = [new()];

    public static CompetitionInput From(Competition c) => new()
    {
        Name = c.Name, Year = c.Year, Theme = c.Theme, BudgetPool = c.BudgetPool, CapPerEntry = c.CapPerEntry, EligibleGroups = c.EligibleGroups.ToList(),
        SubmissionOpens = ChinaTime.FromUtc(c.SubmissionOpensAtUtc), SubmissionCloses = ChinaTime.FromUtc(c.SubmissionClosesAtUtc),
        JudgingOpens = ChinaTime.FromUtc(c.JudgingOpensAtUtc), JudgingCloses = ChinaTime.FromUtc(c.JudgingClosesAtUtc),
        FundingSourceId = c.FundingSourceId, JudgesPerEntry = c.JudgesPerEntry, SpreadThreshold = c.SpreadThreshold, ShowNormalizedRanking = c.ShowNormalizedRanking,
        Criteria = c.Criteria.OrderBy(x => x.Order).Select(x => new CriterionRow { Name = x.Name, Description = x.Description, MaxPoints = x.MaxPoints }).ToList(),
    };

    public bool HasAllWindows => SubmissionOpens is not null && SubmissionCloses is not null && JudgingOpens is not null && JudgingCloses is not null;

    /// <summary>Call when <see cref="HasAllWindows"/>; the order of the windows is checked by the domain.</summary>
    public SaveCompetitionCommand ToCommand(int? id) => new(
        id, Name, Year, Theme, BudgetPool, CapPerEntry, EligibleGroups.ToList(),
        SubmissionOpens.GetValueOrDefault(), SubmissionCloses.GetValueOrDefault(), JudgingOpens.GetValueOrDefault(), JudgingCloses.GetValueOrDefault(),
        FundingSourceId, JudgesPerEntry, SpreadThreshold, ShowNormalizedRanking);

    public IReadOnlyList<CriterionPlan> Rubric() => Criteria.Select(c => new CriterionPlan(c.Name, c.Description, c.MaxPoints)).ToList();
}

public sealed class CriterionRow
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public decimal MaxPoints { get; set; }
}
