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

    /// <summary>Height of the title row, in points.</summary>
    public const double TitleHeight = 21;

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

    /// <summary>
    /// The number format of a total: a count is an integer shown inside its label (<c>"共 "0" 个合同"</c>: the cell
    /// stays a number, the label travels with it), a sum has the column's format.
    /// </summary>
    public static string TotalFormatOf(LedgerColumn column)
    {
        if (column.Total is not (LedgerTotal.Count or LedgerTotal.CountPositive))
        {
            return FormatOf(column.Kind) ?? IntegerFormat;
        }

        var label = column.CountLabel ?? "{0}";
        var at = label.IndexOf("{0}", StringComparison.Ordinal);
        return Literal(label[..at]) + IntegerFormat + Literal(label[(at + 3)..]);

        static string Literal(string text) => text.Length == 0 ? string.Empty : "\"" + text.Replace("\"", string.Empty, StringComparison.Ordinal) + "\"";
    }

    /// <summary>What a total shows on paper (for its width): the number in its label, or formatted like the column.</summary>
    public static string ShownTotal(LedgerColumn column, decimal value) =>
        column.Total is LedgerTotal.Count or LedgerTotal.CountPositive
            ? (column.CountLabel ?? "{0}").Replace("{0}", value.ToString("0", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : Shown(column.Kind, value);

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

    /// <summary>
    /// Σ of a sheet's stored column widths that still prints at 70 % or more on A4 landscape, one page wide, with
    /// these margins. Measured with LibreOffice 7.4 and Arial 11 (Liberation Sans): 120 → 100 %, 150 → 83 %,
    /// 180 → 70 %, 240 → 52 %. Definitions choose <see cref="LedgerColumn.WrapAt"/> and split wide ledgers into
    /// sheets so that their sheets stay under it; <c>XlsxWriterPrintTests</c> checks the printed scale.
    /// </summary>
    public const double PageWidth = 170;

    /// <summary>Added to a column's measured content: the cell's margins plus a little for fonts wider than Arial.</summary>
    public const double CellPadding = 1.5;

    /// <summary>Points per line of 11-point text, CJK included (row heights of wrapped rows).</summary>
    public const double LineHeight = 15;

    /// <summary>The font of every cell: Arial, metric-compatible with Liberation Sans where Arial is missing.</summary>
    public const string FontName = "Arial";

    public const double FontSize = 11;

    /// <summary>A value as the sheet shows it with its number format, for measuring.</summary>
    public static string Shown(LedgerCellKind kind, object value) => kind switch
    {
        LedgerCellKind.Text => Text(value),
        LedgerCellKind.Money => Number(kind, value).ToString("#,##0.00", CultureInfo.InvariantCulture),
        LedgerCellKind.Date => "0000-00-00",
        LedgerCellKind.DateTime => "0000-00-00 00:00:00",
        LedgerCellKind.Decimal => Number(kind, value).ToString("0.00", CultureInfo.InvariantCulture),
        _ => Number(kind, value).ToString("0", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Width of text in column-width units (Arial 11's digit, 8 px; LibreOffice prints one as 6.1 pt): East Asian
    /// wide characters (11 pt, 1.8 units) 1.85, narrow punctuation about half, capitals a little more than a digit.
    /// Errs wide, so a key value is never cut off and a wrapped cell never has more lines than its row shows.
    /// </summary>
    public static double Width(string text)
    {
        var width = 0d;
        foreach (var ch in text)
        {
            width += Width(ch);
        }

        return width;
    }

    public static double Width(char ch) => ch switch
    {
        '\n' => 0,
        ' ' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' or 'i' or 'l' or 'j' or 'I' or '(' or ')' or '[' or ']' or '-' or 'f' or 't' or 'r' => 0.65,
        'm' or 'w' => 1.6,
        'M' or 'W' or '@' or '%' => 1.8,
        >= 'A' and <= 'Z' => 1.35,
        < '\u0080' => 1.08,
        _ when char.IsLowSurrogate(ch) => 0,
        _ when char.IsHighSurrogate(ch) || IsWide(ch) => 1.85,
        _ => 1.5,
    };

    private static bool IsWide(char ch) => ch is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3')
        or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6');

    /// <summary>The widest line of a text (its paragraphs are separated by LF).</summary>
    public static double WidestLine(string text)
    {
        var widest = 0d;
        foreach (var line in text.Split('\n'))
        {
            widest = Math.Max(widest, Width(line));
        }

        return widest;
    }

    /// <summary>
    /// How many lines a text takes in a wrapped cell of the given column width: each paragraph filled greedily,
    /// Latin words kept whole (broken only when longer than a line), East Asian characters breaking anywhere.
    /// </summary>
    public static int Lines(string text, double columnWidth)
    {
        var room = Math.Max(1, columnWidth - 0.25); // the cell's margins take about a quarter of a unit, in LibreOffice as in Excel
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            lines++;
            var used = 0d;
            var i = 0;
            while (i < paragraph.Length)
            {
                // A token: one wide character, one space, or a run of narrow non-space characters (a word).
                var start = i;
                if (paragraph[i] == ' ' || IsWide(paragraph[i]) || char.IsSurrogate(paragraph[i]))
                {
                    i += char.IsHighSurrogate(paragraph[i]) && i + 1 < paragraph.Length ? 2 : 1;
                }
                else
                {
                    while (i < paragraph.Length && paragraph[i] != ' ' && !IsWide(paragraph[i]) && !char.IsSurrogate(paragraph[i]))
                    {
                        i++;
                    }
                }

                var token = Width(paragraph[start..i]);
                if (used + token <= room || (paragraph[start] == ' '))
                {
                    used += token;
                    continue;
                }

                if (used > 0)
                {
                    lines++;
                    used = 0;
                }

                // A word longer than a line is broken wherever it reaches the edge.
                while (token > room)
                {
                    lines++;
                    token -= room;
                }

                used = token;
            }
        }

        return lines;
    }

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
