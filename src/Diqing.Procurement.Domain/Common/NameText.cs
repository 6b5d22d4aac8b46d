using System.Globalization;
using System.Text;

namespace Diqing.Procurement.Domain.Common;

/// <summary>
/// names and titles hold no control or invisible formatting characters: no NUL or other control character, no
/// bidi override or isolate (which makes "invoice‮fdp.exe" read "invoiceexe.pdf"), no zero-width or other format
/// character, no unpaired surrogate, private-use or unassigned code point. Every visible script is accepted, Chinese,
/// Tibetan and Lisu (including the Lisu supplement beyond the BMP) among them.
/// </summary>
public static class NameText
{
    /// <summary>The message code of the refusal (Messages resources).</summary>
    public const string HiddenCharactersCode = "Text.HiddenCharacters";

    public static bool IsClean(string? value) => value is null || FirstHidden(value) < 0;

    /// <summary>Trimmed name; refuses a blank one with <paramref name="requiredCode"/> and a hidden character with R-30's code.</summary>
    public static string Require(string? value, string requiredCode)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException(requiredCode);
        }

        Guard(value);
        return value.Trim();
    }

    public static void Guard(string? value)
    {
        if (!IsClean(value))
        {
            throw new DomainException(HiddenCharactersCode);
        }
    }

    /// <summary>The text without its hidden characters (for names we must keep, such as an uploaded file's).</summary>
    public static string Strip(string value)
    {
        if (IsClean(value))
        {
            return value;
        }

        var kept = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var length) == System.Buffers.OperationStatus.Done && !IsHidden(rune))
            {
                kept.Append(value, i, length);
            }

            i += Math.Max(length, 1) - 1;
        }

        return kept.ToString();
    }

    private static int FirstHidden(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var length) != System.Buffers.OperationStatus.Done || IsHidden(rune))
            {
                return i;
            }

            i += length - 1;
        }

        return -1;
    }

    private static bool IsHidden(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
