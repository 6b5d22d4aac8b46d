using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Web.Components.Shared;

/// <summary>The one check of a typed amount (<see cref="MoneyField{TValue}"/>), in the server's words.</summary>
public static class MoneyInput
{
    public static string? Check(decimal? amount) =>
        amount is { } a && !Money.HasValidDecimals(a) ? Messages.Get("Money.TooManyDecimals") : null;
}
