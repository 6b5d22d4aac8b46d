using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Contracts;

/// <summary>The negotiable content of a contract, editable while it is a draft.</summary>
public sealed record ContractDetails(
    string Title,
    string PurchasingUnit,
    int AgencyId,
    ProcurementMethod Method,
    ServiceCategory Category,
    IReadOnlyCollection<TargetGroup> TargetGroups,
    County County,
    string? Townships,
    decimal Amount,
    DateOnly StartOn,
    DateOnly EndOn,
    string? TermJustification,
    string? Description);

/// <summary>One line of a payment schedule as planned by the officer: its amount in yuan and, when entered as one, the percentage it came from.</summary>
public sealed record InstallmentPlan(string Label, decimal Amount, InstallmentCondition Condition, Milestone? Milestone, decimal? Percent = null);

/// <summary>What the funding side says about a contract when it is signed .</summary>
public sealed record FundingSnapshot(decimal AllocatedTotal, bool IncludesWelfareLottery);
