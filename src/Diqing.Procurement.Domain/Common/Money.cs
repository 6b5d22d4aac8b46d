namespace Diqing.Procurement.Domain.Common;

/// <summary>Amounts are CNY (元) with at most two decimals, never floating point.</summary>
public static class Money
{
    public static bool IsValidAmount(decimal amount) => amount > 0m && decimal.Round(amount, 2) == amount && amount < 10_000_000_000_000_000m;

    /// <summary>At most two decimals (fen): more is refused as typed, never rounded silently.</summary>
    public static bool HasValidDecimals(decimal amount) => decimal.Round(amount, 2) == amount;

    public static decimal RequirePositive(decimal amount, string code = "Money.AmountInvalid") =>
        !HasValidDecimals(amount) ? throw new DomainException("Money.TooManyDecimals")
        : IsValidAmount(amount) ? amount : throw new DomainException(code);
}
