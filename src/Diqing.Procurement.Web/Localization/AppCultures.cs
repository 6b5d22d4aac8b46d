using System.Globalization;

namespace Diqing.Procurement.Web.Localization;

public static class AppCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";

    public static readonly string[] Supported = [Chinese, English];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
