using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Diqing.Procurement.Web.Localization;

/// <summary>Gives MudBlazor's own texts (pager, filters, dialogs) in Chinese; English falls back to MudBlazor's built-in texts.</summary>
internal sealed class ChineseMudLocalizer : MudLocalizer
{
    public override LocalizedString this[string key] =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" && MudChineseTexts.Values.TryGetValue(key, out var text)
            ? new LocalizedString(key, text)
            : new LocalizedString(key, key, resourceNotFound: true);
}
