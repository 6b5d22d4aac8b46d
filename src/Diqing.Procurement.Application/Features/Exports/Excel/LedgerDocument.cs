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

/// <summary>One column: its header in the request's language, its width in characters (a CJK character counts two), its kind and total.</summary>
public sealed record LedgerColumn(string Header, double Width, LedgerCellKind Kind, LedgerTotal Total = LedgerTotal.None);

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
}

/// <summary>A ledger (台账): a workbook of one or more sheets in one language, written by <see cref="ExcelFormat"/>.</summary>
public sealed class LedgerDocument(string title, IReadOnlyList<LedgerSheet> sheets, ExportText text) : ExportDocument(title, text)
{
    public IReadOnlyList<LedgerSheet> Sheets { get; } = sheets;

    public override int RowCount => Sheets.Sum(s => s.RowCount);
}

public static class LedgerColumns
{
    /// <summary>A column headed by the text <c>Ledger.Col.{key}</c>.</summary>
    public static LedgerColumn Column(this ExportText text, string key, double width, LedgerCellKind kind, LedgerTotal total = LedgerTotal.None, params object[] arguments) =>
        new(text["Col." + key, arguments], width, kind, total);
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
