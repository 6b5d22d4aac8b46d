using System.Runtime.CompilerServices;

namespace Diqing.Procurement.Application.Features.Exports.Excel;

/// <summary>How a column's values are written and formatted; written by <see cref="XlsxWriter"/>.</summary>
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

/// <summary>
/// One column: its header in the request's language, its kind and total. Its width comes from the content
/// (a CJK character counts two): numbers, dates and text without <see cref="WrapAt"/> — key values such as
/// contract and voucher numbers, codes and names of one line — are printed whole; text with
/// <see cref="WrapAt"/> wraps at that width and its rows grow to show all of it.
/// </summary>
public sealed record LedgerColumn(string Header, LedgerCellKind Kind, LedgerTotal Total = LedgerTotal.None)
{
    /// <summary>Longest line before the text wraps, in characters (CJK two); null: never wraps.</summary>
    public double? WrapAt { get; init; }

    /// <summary>What a count total counts, e.g. "共 {0} 个合同": the totals cell shows the number inside it.</summary>
    public string? CountLabel { get; init; }
}
/// <summary>
/// One worksheet: the lines above the header (title, issuing unit, filter, export time and user…), the
/// columns and the rows, streamed from the database. <see cref="RowCount"/> is counted beforehand so
/// the handler can report progress.
/// </summary>
public sealed record LedgerSheet(string Name, IReadOnlyList<string> Preamble, IReadOnlyList<LedgerColumn> Columns, int RowCount, IAsyncEnumerable<object?[]> Rows)
{
    /// <summary>1-based row of the column headers; the preamble is above it.</summary>
    public int HeaderRow => Preamble.Count + 1;

    public int FirstDataRow => HeaderRow + 1;

    /// <summary>
    /// How many leading columns are printed (the print area); null: all. Columns after them stay in the file —
    /// e.g. the audit export's stored form, for machines — without widening the page.
    /// </summary>
    public int? PrintedColumns { get; init; }
}

/// <summary>A ledger (台账): a workbook of one or more sheets in one language, written by <see cref="ExcelFormat"/>.</summary>
public sealed class LedgerDocument(string title, IReadOnlyList<LedgerSheet> sheets, ExportText text) : ExportDocument(title, text)
{
    public IReadOnlyList<LedgerSheet> Sheets { get; } = sheets;

    public override int RowCount => Sheets.Sum(s => s.RowCount);
}

public static class LedgerColumns
{
    /// <summary>
    /// A column headed by the text <c>Ledger.Col.{key}</c>. A count total needs <paramref name="counts"/>, the key of
    /// <c>Ledger.Count.{counts}</c> that says what is counted ("共 {0} 个合同"), so no total stands unlabelled.
    /// </summary>
    public static LedgerColumn Column(
        this ExportText text, string key, LedgerCellKind kind, LedgerTotal total = LedgerTotal.None, double? wrapAt = null, string? counts = null, params object[] arguments)
    {
        var isCount = total is LedgerTotal.Count or LedgerTotal.CountPositive;
        if (isCount != (counts is not null))
        {
            throw new ArgumentException($"Column {key}: a count total says what it counts, and only a count total does.", nameof(counts));
        }

        return new LedgerColumn(text["Col." + key, arguments], kind, total)
        {
            WrapAt = wrapAt,
            CountLabel = counts is null ? null : text["Count." + counts],
        };
    }
}

public static class LedgerRows
{
    /// <summary>Maps database rows to cells as the writer pulls them: nothing is materialised.</summary>
    public static async IAsyncEnumerable<object?[]> Map<T>(IAsyncEnumerable<T> source, Func<T, object?[]> map, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            yield return map(item);
        }
    }

    /// <summary>Rows already in memory (small summaries).</summary>
    public static async IAsyncEnumerable<object?[]> Of(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }
}
