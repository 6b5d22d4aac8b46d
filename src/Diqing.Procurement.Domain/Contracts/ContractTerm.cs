using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Contracts;

/// <summary>
/// a contract runs at most one year; up to three years only with a recorded justification.
/// Terms are inclusive China dates: 2026-01-01 to 2026-12-31 is exactly one year.
/// </summary>
public static class ContractTerm
{
    public static void Validate(DateOnly startOn, DateOnly endOn, string? justification)
    {
        if (endOn < startOn)
        {
            throw new DomainException("Contract.EndBeforeStart");
        }

        if (endOn < startOn.AddYears(1))
        {
            return;
        }

        if (endOn >= startOn.AddYears(3))
        {
            throw new DomainException("Contract.TermOverThreeYears");
        }

        if (string.IsNullOrWhiteSpace(justification))
        {
            throw new DomainException("Contract.TermNeedsJustification");
        }
    }

    public static bool IsMultiYear(DateOnly startOn, DateOnly endOn) => endOn >= startOn.AddYears(1);
}
