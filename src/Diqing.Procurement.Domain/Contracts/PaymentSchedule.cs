using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Contracts;

/// <summary>A schedule line as entered: an amount in yuan, or a percentage of the contract amount (one of the two).</summary>
public sealed record ScheduleEntry(decimal? Amount, decimal? Percent)
{
    public bool IsPercent => Amount is null;
}

/// <summary>The schedule's amounts as the editor shows them while typing and as the server saves them.</summary>
public sealed record SchedulePreview(IReadOnlyList<decimal?> Amounts, decimal Total, decimal ContractAmount)
{
    /// <summary>Contract amount minus the schedule: positive when money is still unscheduled.</summary>
    public decimal Difference => ContractAmount - Total;

    /// <summary>R-10: every line is valid and they add up to exactly the contract amount.</summary>
    public bool AddsUp => Amounts.Count > 0 && Amounts.All(a => a is not null) && Total == ContractAmount;
}

/// <summary>
/// Turns a schedule as entered into yuan: percentages rounded to the cent, and when every line is a percentage and they
/// add up to 100 %, the last line takes the cent remainder, so 30/40/30 of ¥100,000.01 adds up exactly.
/// </summary>
public static class PaymentSchedule
{
    public static SchedulePreview Preview(decimal contractAmount, IReadOnlyList<ScheduleEntry> lines)
    {
        var amounts = lines.Select(l => l.IsPercent
            ? l.Percent is { } p && IsValidPercent(p) ? decimal.Round(contractAmount * p / 100m, 2, MidpointRounding.AwayFromZero) : (decimal?)null
            : l.Amount is { } a && Money.IsValidAmount(a) ? a : null).ToArray();
        if (lines.Count > 0 && lines.All(l => l.IsPercent) && amounts.All(a => a is not null) && lines.Sum(l => l.Percent!.Value) == 100m)
        {
            amounts[^1] += contractAmount - amounts.Sum(a => a!.Value);
        }

        return new SchedulePreview(amounts, amounts.Sum(a => a ?? 0m), contractAmount);
    }

    /// <summary>The amounts to save; refuses a line that is not a valid amount or percentage.</summary>
    public static decimal[] Amounts(decimal contractAmount, IReadOnlyList<ScheduleEntry> lines)
    {
        var preview = Preview(contractAmount, lines);
        return preview.Amounts.All(a => a is not null) ? preview.Amounts.Select(a => a!.Value).ToArray() : throw new DomainException("Installment.AmountInvalid");
    }

    public static bool IsValidPercent(decimal percent) => percent is > 0m and <= 100m && decimal.Round(percent, 4) == percent;
}
