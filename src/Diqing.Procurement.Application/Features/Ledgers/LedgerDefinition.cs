using System.Globalization;

namespace Diqing.Procurement.Application.Features.Ledgers;

/// <summary>How a column's values are written and formatted; the same in both writers.</summary>
public enum LedgerCellKind
{
    /// <summary>Always a string cell, never a formula .</summary>
    Text,

    /// <summary>CNY, <c>#,##0.00</c>.</summary>
    Money,

    /// <summary>A China calendar date (<see cref="DateOnly"/>), a real Excel date.</summary>
    Date,

    /// <summary>A China local time (<see cref="DateTime"/>), a real Excel date-time.</summary>
    DateTime,

    Integer,

    /// <summary>Scores: two decimals (rounded for display only, R-21).</summary>
    Decimal,
}

/// <summary>What the totals row shows under a column, always as a formula with the computed value cached .</summary>
public enum LedgerTotal
{
    None,

    /// <summary><c>SUBTOTAL(9, …)</c>: the sum; follows the auto-filter in Excel.</summary>
    Sum,

    /// <summary><c>SUBTOTAL(3, …)</c>: the number of non-empty cells.</summary>
    Count,

    /// <summary><c>COUNTIF(…, "&gt;0")</c>: e.g. the number of overdue milestones.</summary>
    CountPositive,
}

/// <summary>One column: its header in the request's language, its width in characters (a CJK character counts two), its kind and total.</summary>
public sealed record LedgerColumn(string Header, double Width, LedgerCellKind Kind, LedgerTotal Total = LedgerTotal.None);

/// <summary>
/// One worksheet: the lines above the header (title, issuing unit, filter, export time and user…), the
/// columns and the rows, streamed from the database. <see cref="RowCount"/> is counted beforehand so
/// the handler can choose a writer and report progress.
/// </summary>
public sealed record LedgerSheet(string Name, IReadOnlyList<string> Preamble, IReadOnlyList<LedgerColumn> Columns, int RowCount, IAsyncEnumerable<object?[]> Rows)
{
    /// <summary>1-based row of the column headers; the preamble is above it.</summary>
    public int HeaderRow => Preamble.Count + 1;

    public int FirstDataRow => HeaderRow + 1;
}

/// <summary>A whole ledger workbook in one language.</summary>
public sealed record LedgerDocument(IReadOnlyList<LedgerSheet> Sheets, LedgerText Text)
{
    public int RowCount => Sheets.Sum(s => s.RowCount);
}

/// <summary>Ledger texts from <c>Messages.resx</c> in one culture (not the thread's: the request names it).</summary>
public sealed class LedgerText(CultureInfo culture)
{
    private static readonly System.Resources.ResourceManager Resources = new(typeof(Resources.Messages));

    public CultureInfo Culture { get; } = culture;

    public bool IsEnglish => Culture.TwoLetterISOLanguageName == "en";

    public static LedgerText For(string? culture) =>
        new(string.Equals(culture, "en-US", StringComparison.OrdinalIgnoreCase) || string.Equals(culture, "en", StringComparison.OrdinalIgnoreCase)
            ? CultureInfo.GetCultureInfo("en-US")
            : CultureInfo.GetCultureInfo("zh-CN"));

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

    public LedgerColumn Column(string key, double width, LedgerCellKind kind, LedgerTotal total = LedgerTotal.None, params object[] arguments) =>
        new(this["Col." + key, arguments], width, kind, total);
}
