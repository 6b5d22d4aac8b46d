namespace Diqing.Procurement.Domain.Agencies;

/// <summary>The three county-level units of Diqing prefecture.</summary>
public enum County
{
    ShangriLa = 1,
    Deqin = 2,
    Weixi = 3,
}
