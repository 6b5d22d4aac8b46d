namespace Diqing.Procurement.Domain.Contracts;

/// <summary>The last contract number issued in a year. <see cref="Last"/> is a concurrency token:
/// two contracts created at once cannot take the same number, and none is skipped.</summary>
public class ContractNumberSequence
{
    private ContractNumberSequence()
    {
    }

    public ContractNumberSequence(int year) => Year = year;

    public int Year { get; private set; }

    public int Last { get; private set; }

    public int Next() => ++Last;
}
