using System.Globalization;
using System.Text;

namespace Diqing.Procurement.Application.Features.Exports.Excel;

/// <summary>The ledger layout rules: formats, formulas, print setup, text safety (ADR 0009).</summary>
internal static class LedgerLayout
{
    public const string MoneyFormat = "#,##0.00";
    public const string DateFormat = "yyyy-mm-dd";
    public const string DateTimeFormat = "yyyy-mm-dd hh:mm:ss";
    public const string IntegerFormat = "0";
    public const string DecimalFormat = "0.00";

    /// <summary>Excel's limit for the text of one cell.</summary>
    public const int MaxTextLength = 32_767;

    public const double TitleFontSize = 14;

    public const string HeaderFillArgb = "FFD9D9D9";

    // Worksheet names: at most 31 characters, none of these.
    private static readonly char[] SheetNameForbidden = ['\\', '/', '?', '*', '[', ']', ':'];

    public static string? FormatOf(LedgerCellKind kind) => kind switch
    {
        LedgerCellKind.Money => MoneyFormat,
        LedgerCellKind.Date => DateFormat,
        LedgerCellKind.DateTime => DateTimeFormat,
        LedgerCellKind.Integer => IntegerFormat,
        LedgerCellKind.Decimal => DecimalFormat,
        _ => null,
    };

    /// <summary>The number format of a total: counts are integers whatever the column holds.</summary>
    public static string TotalFormatOf(LedgerColumn column) =>
        column.Total is LedgerTotal.Count or LedgerTotal.CountPositive ? IntegerFormat : FormatOf(column.Kind) ?? IntegerFormat;

    /// <summary>R-25: text that a spreadsheet would take for a formula (or a DDE payload) if it were typed in.</summary>
    public static bool LooksLikeFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static string ColumnName(int column)
    {
        var name = string.Empty;
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>The totals formula of a column, or null when the column has none or the sheet has no rows.</summary>
    public static string? TotalFormula(LedgerTotal total, int column, int firstRow, int lastRow)
    {
        if (total == LedgerTotal.None || lastRow < firstRow)
        {
            return null;
        }

        var range = $"{ColumnName(column)}{firstRow}:{ColumnName(column)}{lastRow}";
        return total switch
        {
            LedgerTotal.Sum => $"SUBTOTAL(9,{range})",
            LedgerTotal.Count => $"SUBTOTAL(3,{range})",
            _ => $"COUNTIF({range},\">0\")",
        };
    }

    public static string SafeSheetName(string name, ISet<string> taken)
    {
        // Control characters and lone or split surrogates are not allowed in a sheet name (XML would refuse them).
        var clean = new string(name.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).Select(c => SheetNameForbidden.Contains(c) ? '_' : c).ToArray()).Trim('\'', ' ');
        if (clean.Length == 0)
        {
            clean = "Sheet";
        }

        clean = clean.Length > 31 ? clean[..31] : clean;
        var candidate = clean;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            var suffix = "(" + i.ToString(CultureInfo.InvariantCulture) + ")";
            candidate = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }

        return candidate;
    }

    /// <summary>Text of a text cell: culture-invariant, cut to Excel's limit.</summary>
    public static string Text(object value)
    {
        var text = value switch
        {
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        return text.Length > MaxTextLength ? text[..(MaxTextLength - 1)] + "…" : text;
    }

    /// <summary>
    /// What a text cell stores: XML 1.0 cannot carry most control characters
    /// (or a lone surrogate), so they are dropped; CR LF and a lone CR become LF, Excel's line break.
    /// The quote prefix is decided on the original text.
    /// </summary>
    public static string CellText(string text)
    {
        foreach (var ch in text)
        {
            if ((ch < ' ' && ch is not ('\t' or '\n')) || char.IsSurrogate(ch) || ch is '\uFFFE' or '\uFFFF')
            {
                return Clean(text);
            }
        }

        return text;

        static string Clean(string text)
        {
            var builder = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                var ch = text[i];
                if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(ch).Append(text[++i]); // a valid pair (a rare CJK character, an emoji) stays
                }
                else if (ch == '\r')
                {
                    builder.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }
                }
                else if ((ch >= ' ' || ch is '\t' or '\n') && !char.IsSurrogate(ch) && ch is not ('\uFFFE' or '\uFFFF'))
                {
                    builder.Append(ch);
                }
            }

            return builder.ToString();
        }
    }

    /// <summary>The numeric value of a non-text cell as Excel stores it (dates as serial days since 1899-12-30).</summary>
    public static decimal Number(LedgerCellKind kind, object value) => (kind, value) switch
    {
        (LedgerCellKind.Date, DateOnly d) => d.DayNumber - ExcelEpoch.DayNumber,
        (LedgerCellKind.Date or LedgerCellKind.DateTime, DateTime t) => (decimal)t.ToOADate(),
        (LedgerCellKind.Decimal, decimal d) => decimal.Round(d, 2, MidpointRounding.AwayFromZero), // rounded for export only
        (_, decimal d) => d,
        (_, int i) => i,
        (_, long l) => l,
        (_, double x) => (decimal)x,
        _ => throw new InvalidOperationException($"A {kind} cell cannot hold {value.GetType().Name}."),
    };

    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>The footer's "page X of Y" in Excel's header/footer codes (&amp;P, &amp;N), literal ampersands doubled.</summary>
    public static string FooterCode(ExportText text) =>
        "&C" + text["Footer", "\u0001", "\u0002"].Replace("&", "&&", StringComparison.Ordinal).Replace("\u0001", "&P", StringComparison.Ordinal).Replace("\u0002", "&N", StringComparison.Ordinal);
}

/// <summary>Running totals of one sheet, for the totals row's cached values.</summary>
internal sealed class LedgerTotals(IReadOnlyList<LedgerColumn> columns)
{
    private readonly decimal[] _values = new decimal[columns.Count];

    public void Add(object?[] row)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            var value = row[c];
            switch (columns[c].Total)
            {
                case LedgerTotal.Sum when value is not null:
                    _values[c] += LedgerLayout.Number(columns[c].Kind, value);
                    break;
                case LedgerTotal.Count when value is not null and not "":
                    _values[c]++;
                    break;
                case LedgerTotal.CountPositive when value is not null && LedgerLayout.Number(columns[c].Kind, value) > 0m:
                    _values[c]++;
                    break;
            }
        }
    }

    public decimal this[int column] => _values[column];
}
