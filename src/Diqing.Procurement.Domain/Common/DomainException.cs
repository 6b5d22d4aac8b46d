namespace Diqing.Procurement.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Code"/> is a stable key that the UI translates
/// (see the Messages resources); <see cref="Arguments"/> fill its placeholders.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string code, params object[] arguments)
        : base(code)
    {
        Code = code;
        Arguments = arguments;
    }

    public string Code { get; }

    public IReadOnlyList<object> Arguments { get; }
}
