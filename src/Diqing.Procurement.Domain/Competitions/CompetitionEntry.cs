using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Competitions;

public enum EntryStatus
{
    Draft = 1,
    Submitted = 2,
}

public enum AwardDecision
{
    None = 0,
    Awarded = 1,
    Skipped = 2,
}

public sealed record BudgetLine(string Item, decimal Amount);

public sealed record EntryDetails(
    string Title,
    IReadOnlyCollection<TargetGroup> TargetGroups,
    string? Problem,
    string? Plan,
    string? ExpectedOutcomes,
    decimal RequestedAmount,
    IReadOnlyList<BudgetLine> BudgetLines);

/// <summary>An agency's entry (参赛项目) to a venture competition.</summary>
public class CompetitionEntry
{
    private List<TargetGroup> _targetGroups = [];
    private List<BudgetLine> _budgetLines = [];

    private CompetitionEntry()
    {
        Title = string.Empty;
    }

    public CompetitionEntry(int competitionId, int agencyId, EntryDetails details)
    {
        CompetitionId = competitionId;
        AgencyId = agencyId;
        Title = string.Empty;
        Status = EntryStatus.Draft;
        Apply(details);
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int AgencyId { get; private set; }

    public string Title { get; private set; }

    public IReadOnlyList<TargetGroup> TargetGroups => _targetGroups;

    public string? Problem { get; private set; }

    public string? Plan { get; private set; }

    public string? ExpectedOutcomes { get; private set; }

    public decimal RequestedAmount { get; private set; }

    public IReadOnlyList<BudgetLine> BudgetLines => _budgetLines;

    public EntryStatus Status { get; private set; }

    public DateTime? SubmittedAtUtc { get; private set; }

    public AwardDecision Award { get; private set; }

    public string? AwardReason { get; private set; }

    public int? ContractId { get; private set; }

    public long Version { get; private set; }

    /// <summary>Only a draft is changed or submitted; a submitted entry is read-only for its agency.</summary>
    public bool IsDraft => Status == EntryStatus.Draft;

    /// <summary>R-18: the budget lines add up to the requested amount (also for the form's live hint).</summary>
    public static bool BudgetAddsUp(IReadOnlyCollection<decimal> lineAmounts, decimal requestedAmount) =>
        lineAmounts.Count > 0 && lineAmounts.Sum() == requestedAmount;

    public void Update(EntryDetails details)
    {
        if (!IsDraft)
        {
            throw new DomainException("Entry.AlreadySubmitted");
        }

        Apply(details);
        Version++;
    }

    /// <summary>R-18: inside the window, within the cap, budget lines adding up, eligible groups, active agency.</summary>
    public void Submit(Competition competition, Agency agency, DateTime nowUtc)
    {
        if (!IsDraft)
        {
            throw new DomainException("Entry.AlreadySubmitted");
        }

        if (agency.Id != AgencyId || !agency.IsActive)
        {
            throw new DomainException("Agency.Suspended");
        }

        competition.EnsureAcceptsEntries(nowUtc);
        if (RequestedAmount > competition.CapPerEntry)
        {
            throw new DomainException("Entry.AboveCap", competition.CapPerEntry);
        }

        if (!BudgetAddsUp(_budgetLines.Select(b => b.Amount).ToList(), RequestedAmount))
        {
            throw new DomainException("Entry.BudgetNotAmount", _budgetLines.Sum(b => b.Amount), RequestedAmount);
        }

        if (_targetGroups.Any(g => !competition.EligibleGroups.Contains(g)))
        {
            throw new DomainException("Entry.GroupNotEligible");
        }

        if (string.IsNullOrWhiteSpace(Problem) || string.IsNullOrWhiteSpace(Plan) || string.IsNullOrWhiteSpace(ExpectedOutcomes))
        {
            throw new DomainException("Entry.Incomplete");
        }

        Status = EntryStatus.Submitted;
        SubmittedAtUtc = nowUtc;
        Version++;
    }

    public void MarkAwarded(int contractId)
    {
        RequireUndecided();
        Award = AwardDecision.Awarded;
        ContractId = contractId;
        Version++;
    }

    public void Skip(string reason)
    {
        RequireUndecided();
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Contract.ReasonRequired");
        }

        Award = AwardDecision.Skipped;
        AwardReason = reason.Trim();
        Version++;
    }

    private void RequireUndecided()
    {
        if (Status != EntryStatus.Submitted || Award != AwardDecision.None)
        {
            throw new DomainException("Entry.AlreadyDecided");
        }
    }

    private void Apply(EntryDetails details)
    {
        NameText.Require(details.Title, "Contract.TitleRequired");

        Money.RequirePositive(details.RequestedAmount, "Entry.AmountInvalid");
        if (details.BudgetLines.Any(b => string.IsNullOrWhiteSpace(b.Item) || !Money.IsValidAmount(b.Amount)))
        {
            throw new DomainException("Entry.BudgetLineInvalid");
        }

        Title = details.Title.Trim();
        _targetGroups = details.TargetGroups.Distinct().Order().ToList();
        Problem = details.Problem?.Trim();
        Plan = details.Plan?.Trim();
        ExpectedOutcomes = details.ExpectedOutcomes?.Trim();
        RequestedAmount = details.RequestedAmount;
        _budgetLines = details.BudgetLines.Select(b => b with { Item = b.Item.Trim() }).ToList();
    }
}
