namespace Diqing.Procurement.Application.Features.Exports.Word;

/// <summary>
/// A document to read and print (e.g. the welfare-lottery announcement 公告), before any file format: a title,
/// lines under it, paragraphs, headings and tables of text already formatted in the request's language.
/// Written as .docx by <see cref="DocxFormat"/>; small by nature (its tables are a year's projects, not a ledger's rows).
/// </summary>
public sealed class WordDocument(string title, IReadOnlyList<string> subtitle, IReadOnlyList<WordBlock> blocks, ExportText text) : ExportDocument(title, text)
{
    /// <summary>Centred lines under the title: issuing unit, publication date or the draft's warning.</summary>
    public IReadOnlyList<string> Subtitle { get; } = subtitle;

    public IReadOnlyList<WordBlock> Blocks { get; } = blocks;

    /// <summary>Shown on every page's footer beside the page number, e.g. the draft's warning; null: the number alone.</summary>
    public string? FooterNote { get; init; }

    public override int RowCount => Blocks.OfType<WordTable>().Sum(t => t.Rows.Count);
}

/// <summary>A part of a <see cref="WordDocument"/>'s body, in reading order.</summary>
public abstract record WordBlock;

/// <summary>A section heading such as 一、资金收入情况.</summary>
public sealed record WordHeading(string Text) : WordBlock;

/// <summary>A paragraph of running text (indented two characters, as Chinese prose is); a note is smaller and not indented.</summary>
public sealed record WordParagraph(string Text, bool IsNote = false) : WordBlock;

/// <summary>
/// A table: its header row is repeated on every page it runs onto and no row is split across pages. Cells hold
/// formatted text; a line break in a cell is kept. Numeric columns are right-aligned and sized to print their
/// widest value on one line; text columns share the rest of the width by their weights.
/// </summary>
public sealed record WordTable(IReadOnlyList<WordColumn> Columns, IReadOnlyList<WordRow> Rows, IReadOnlyList<WordRow> Footer) : WordBlock;

/// <param name="Weight">A text column's share of the width left after the numeric columns.</param>
public sealed record WordColumn(string Header, bool IsNumeric = false, double Weight = 1);

/// <summary>One row's cells; the first cell may span <paramref name="LabelSpan"/> columns (e.g. 合计 across the text columns).</summary>
public sealed record WordRow(IReadOnlyList<string> Cells, int LabelSpan = 1);
