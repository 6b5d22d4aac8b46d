using System.Globalization;

namespace Diqing.Procurement.Application.Features.Exports;

/// <summary>Export texts (keys <c>Ledger.*</c> of <c>Messages.resx</c>) in one culture: the request's, not the thread's.</summary>
public sealed class ExportText(CultureInfo culture)
{
    private static readonly System.Resources.ResourceManager Resources = new(typeof(Resources.Messages));

    public CultureInfo Culture { get; } = culture;

    public bool IsEnglish => Culture.TwoLetterISOLanguageName == "en";

    /// <summary>English for "en" and "en-…", Chinese (the neutral language) for anything else.</summary>
    public static ExportText For(string? culture) =>
        new(culture is not null && (culture.Equals("en", StringComparison.OrdinalIgnoreCase) || culture.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            ? CultureInfo.GetCultureInfo("en-US")
            : CultureInfo.GetCultureInfo("zh-CN"));

    /// <summary>Any text of <c>Messages.resx</c> by its full key, or null when there is none.</summary>
    public string? Find(string key) => Resources.GetString(key, Culture);

    public string this[string key, params object[] arguments]
    {
        get
        {
            var text = Resources.GetString("Ledger." + key, Culture) ?? key;
            return arguments.Length == 0 ? text : string.Format(Culture, text, arguments);
        }
    }

    public string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => this["Enum." + typeof(TEnum).Name + "." + value];

    public string OfOptional<TEnum>(TEnum? value)
        where TEnum : struct, Enum => value is { } v ? Of(v) : string.Empty;
}
