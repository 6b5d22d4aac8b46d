using System.Globalization;
using System.Resources;

namespace Diqing.Procurement.Application.Resources;

/// <summary>
/// Error and validation texts (Messages.resx: Simplified Chinese, the neutral language;
/// Messages.en.resx: English). Keys are the codes used by DomainException and validators.
/// </summary>
public sealed class Messages
{
    private static readonly ResourceManager Resources = new(typeof(Messages));

    public static string Get(string key, params object[] arguments)
    {
        var text = Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return arguments.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, arguments);
    }

    public static bool Has(string key) => Resources.GetString(key, CultureInfo.InvariantCulture) is not null;
}
