using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Contracts;

namespace Diqing.Procurement.Web.Components.Pages.Contracts.Components;

/// <summary>One editable line of the payment schedule: an amount in yuan or a percentage of the contract amount, kept as entered.</summary>
public sealed class ScheduleLine
{
    public string Label { get; set; } = string.Empty;

    public bool ByPercent { get; set; } = true;

    public decimal? Value { get; set; }

    public InstallmentCondition Condition { get; set; } = InstallmentCondition.OnSigning;

    public int? MilestoneId { get; set; }

    public ScheduleEntry Entry => ByPercent ? new ScheduleEntry(null, Value) : new ScheduleEntry(Value, null);

    /// <summary>The server turns percentages into yuan with the same <see cref="PaymentSchedule"/> the editor previews with.</summary>
    public InstallmentInput ToInput() => new(
        Label,
        ByPercent ? null : Value,
        ByPercent ? Value : null,
        Condition,
        Condition == InstallmentCondition.OnMilestoneApproval ? MilestoneId : null);

    /// <summary>Each saved line in the mode it was entered in: a percentage stays a percentage.</summary>
    public static List<ScheduleLine> From(IEnumerable<InstallmentView> installments) => installments
        .Select(i => new ScheduleLine
        {
            Label = i.Label,
            ByPercent = i.Percent is not null,
            Value = i.Percent ?? i.Amount,
            Condition = i.Condition,
            MilestoneId = i.MilestoneId,
        })
        .ToList();
}
