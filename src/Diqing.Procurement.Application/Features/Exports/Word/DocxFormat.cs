using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Extended = DocumentFormat.OpenXml.ExtendedProperties;

namespace Diqing.Procurement.Application.Features.Exports.Word;

/// <summary>Writes a <see cref="WordDocument"/> as .docx, with the export's title, filter, author and time as document properties.</summary>
public sealed class DocxFormat : IExportFormat
{
    public string Name => "docx";

    public string Extension => DocxWriter.Extension;

    public string ContentType => DocxWriter.ContentType;

    public bool Accepts(ExportDocument document) => document is WordDocument;

    public Task<int> WriteAsync(ExportDocument document, ExportContext context, Stream output, Action<int> rowWritten, CancellationToken cancellationToken)
    {
        var text = context.Text;
        var properties = new DocxProperties(document.Title, string.Join(text.IsEnglish ? "; " : "；", context.Filters), context.User.UserName ?? string.Empty,
            text["IssuingUnit"], context.NowUtc);
        return DocxWriter.WriteAsync((WordDocument)document, properties, output, rowWritten, cancellationToken);
    }
}

/// <summary>The package's document properties (core and extended); <paramref name="Author"/> is the issuing unit on a public copy.</summary>
public sealed record DocxProperties(string Title, string Subject, string Author, string Company, DateTime CreatedUtc);

/// <summary>
/// A <see cref="WordDocument"/> as a WordprocessingML package (Open XML SDK), laid out as a Chinese public notice on A4
/// portrait: margins of GB/T 9704 (37 mm top, 35 bottom, 28 left, 26 right), the title centred, headings in a bold
/// face, prose indented two characters, tables ruled with their header row repeated on each page and rows kept whole,
/// the page number in the footer. Built in memory (a year's announcement is tens of kilobytes), then copied to the output.
/// </summary>
public static class DocxWriter
{
    public const string Extension = ".docx";

    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const int PageWidth = 11906; // A4, twips
    private const int PageHeight = 16838;
    private const int MarginTop = 2098;
    private const int MarginBottom = 1984;
    private const int MarginLeft = 1588;
    private const int MarginRight = 1474;
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;

    /// <summary>Table text in points (小五) and the cells' left and right margins in twips.</summary>
    private const double TablePoints = 9;
    private const int CellMargin = 85;

    /// <summary>Tables of at most this many rows are kept on one page.</summary>
    private const int KeptWhole = 15;

    private const string BodyFont = "FangSong";
    private const string HeadingFont = "SimHei";
    private const string TitleFont = "SimSun";
    private const string LatinFont = "Times New Roman";

    public static async Task<int> WriteAsync(WordDocument document, DocxProperties properties, Stream output, Action<int> rowWritten, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var rows = Write(document, properties, buffer, rowWritten);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
        return rows;
    }

    private static int Write(WordDocument document, DocxProperties properties, Stream stream, Action<int> rowWritten)
    {
        var text = document.Text;
        var language = text.IsEnglish ? "en-US" : "zh-CN";
        using var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        package.PackageProperties.Title = properties.Title;
        if (properties.Subject.Length > 0)
        {
            package.PackageProperties.Subject = properties.Subject;
        }

        package.PackageProperties.Creator = properties.Author;
        package.PackageProperties.LastModifiedBy = properties.Author;
        package.PackageProperties.Created = DateTime.SpecifyKind(properties.CreatedUtc, DateTimeKind.Utc);
        package.PackageProperties.Modified = DateTime.SpecifyKind(properties.CreatedUtc, DateTimeKind.Utc);
        package.PackageProperties.Language = language;
        var extended = package.AddExtendedFilePropertiesPart();
        extended.Properties = new Extended.Properties(new Extended.Application("Diqing.Procurement"), new Extended.Company(properties.Company));

        var main = package.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = Styles(language);
        var footer = main.AddNewPart<FooterPart>();
        footer.Footer = Footer(document, text);

        var body = new Body();
        body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Title" }), TextRun(document.Title)));
        foreach (var line in document.Subtitle)
        {
            body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Subtitle" }), TextRun(line)));
        }

        var rows = 0;
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case WordHeading heading:
                    body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }), TextRun(heading.Text)));
                    break;
                case WordParagraph paragraph:
                    body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = paragraph.IsNote ? "Note" : "BodyText" }), TextRun(paragraph.Text)));
                    break;
                case WordTable table:
                    body.Append(Table(table, ref rows, rowWritten));
                    // Two tables never touch: Word would merge them into one.
                    body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TableGap" })));
                    break;
            }
        }

        body.Append(new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 851, Footer = 992, Gutter = 0 }));
        main.Document = new Document(body);
        main.Document.Save();
        return rows;
    }

    private static Table Table(WordTable table, ref int rows, Action<int> rowWritten)
    {
        var widths = ColumnWidths(table);
        var border = () => new BorderType[]
        {
            new TopBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
            new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
            new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
            new RightBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
        };
        var result = new Table(
            new TableProperties(
                new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableBorders(border()),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TableCellLeftMargin { Width = CellMargin, Type = TableWidthValues.Dxa },
                    new TableCellRightMargin { Width = CellMargin, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));

        // A short table stays on one page (each row kept with the next); a long one keeps at least its last row with the totals.
        var keptFrom = table.Rows.Count <= KeptWhole ? 0 : table.Rows.Count - 1;
        result.Append(Row(table, widths, new WordRow(table.Columns.Select(c => c.Header).ToList()), isHeader: true, keepWithNext: true));
        for (var i = 0; i < table.Rows.Count; i++)
        {
            result.Append(Row(table, widths, table.Rows[i], isHeader: false, keepWithNext: i >= keptFrom && (table.Footer.Count > 0 || i < table.Rows.Count - 1)));
            rowWritten(++rows);
        }

        for (var i = 0; i < table.Footer.Count; i++)
        {
            result.Append(Row(table, widths, table.Footer[i], isHeader: false, isFooter: true, keepWithNext: i < table.Footer.Count - 1));
        }

        return result;
    }

    private static TableRow Row(WordTable table, IReadOnlyList<int> widths, WordRow row, bool isHeader, bool keepWithNext, bool isFooter = false)
    {
        var properties = new TableRowProperties(new CantSplit());
        if (isHeader)
        {
            properties.Append(new TableHeader());
        }

        var result = new TableRow(properties);
        var column = 0;
        for (var i = 0; i < row.Cells.Count && column < widths.Count; i++)
        {
            var span = i == 0 ? Math.Max(1, row.LabelSpan) : 1;
            var width = widths.Skip(column).Take(span).Sum();
            var numeric = !isHeader && span == 1 && table.Columns[column].IsNumeric;
            var cellProperties = new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
            if (span > 1)
            {
                cellProperties.Append(new GridSpan { Val = span });
            }

            if (isHeader || isFooter)
            {
                cellProperties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = isHeader ? "E7E6E6" : "F2F2F2" });
            }

            cellProperties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
            var justification = isHeader ? JustificationValues.Center : numeric ? JustificationValues.Right : JustificationValues.Left;
            var cell = new TableCell(cellProperties);
            var paragraph = new ParagraphProperties(new ParagraphStyleId { Val = "TableText" });
            if (keepWithNext)
            {
                paragraph.Append(new KeepNext());
            }

            paragraph.Append(new Justification { Val = justification });
            cell.Append(new Paragraph(
                paragraph,
                TextRun(row.Cells[i], bold: isHeader || isFooter)));
            result.Append(cell);
            column += span;
        }

        return result;
    }

    /// <summary>
    /// Twips per column: a numeric column as wide as its widest value on one line (a digit is half a character, a CJK
    /// character a whole one) or half its header, whichever is wider; the text columns share what is left by weight.
    /// </summary>
    private static IReadOnlyList<int> ColumnWidths(WordTable table)
    {
        var rows = table.Rows.Concat(table.Footer).ToList();
        var numeric = table.Columns.Select((c, i) => c.IsNumeric
            ? Math.Max(rows.Select(r => CellOf(r, i)).Where(v => v is not null).Select(v => LineWidth(v!)).DefaultIfEmpty(0).Max(), LineWidth(c.Header) / 2)
                + 2 * CellMargin + 60
            : 0).ToList();
        var left = Math.Max(TextWidth - numeric.Sum(), TextWidth / 3);
        var weights = table.Columns.Where(c => !c.IsNumeric).Sum(c => c.Weight);
        var widths = table.Columns.Select((c, i) => c.IsNumeric ? numeric[i] : (int)(left * c.Weight / weights)).ToList();
        var scale = (double)TextWidth / widths.Sum();
        return widths.Select(w => (int)Math.Floor(w * Math.Min(1, scale))).ToList();
    }

    /// <summary>The text a row shows in a column, or null where its label spans it.</summary>
    private static string? CellOf(WordRow row, int column)
    {
        var span = Math.Max(1, row.LabelSpan);
        if (column < span)
        {
            return span == 1 && row.Cells.Count > 0 ? row.Cells[0] : null;
        }

        var index = column - span + 1;
        return index < row.Cells.Count ? row.Cells[index] : null;
    }

    /// <summary>The widest line's width in twips at the table's size.</summary>
    private static int LineWidth(string value) =>
        (int)Math.Ceiling(value.Split('\n').Max(line => line.Sum(c => c >= '\u2E80' ? 1.0 : 0.55)) * TablePoints * 20);

    /// <summary>A run of text; each line break in it a break in the run.</summary>
    private static Run TextRun(string value, bool bold = false)
    {
        var run = new Run();
        if (bold)
        {
            run.Append(new RunProperties(new Bold()));
        }

        var lines = value.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    /// <summary>The footer note, if any, over the page number ("第 1 页，共 3 页": the numbers are fields).</summary>
    private static Footer Footer(WordDocument document, ExportText text)
    {
        var footer = new Footer();
        if (document.FooterNote is { } note)
        {
            footer.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }), TextRun(note)));
        }

        var page = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }));
        var template = text["Document.PageOf"];
        var parts = template.Split(["{0}", "{1}"], StringSplitOptions.None);
        page.Append(TextRun(parts[0]));
        page.Append(new SimpleField(new Run(new Text("1"))) { Instruction = " PAGE " });
        if (parts.Length > 1)
        {
            page.Append(TextRun(parts[1]));
        }

        if (parts.Length > 2)
        {
            page.Append(new SimpleField(new Run(new Text("1"))) { Instruction = " NUMPAGES " });
            page.Append(TextRun(parts[2]));
        }

        footer.Append(page);
        return footer;
    }

    private static Styles Styles(string language)
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = BodyFont, ComplexScript = LatinFont },
                new FontSize { Val = "24" },
                new FontSizeComplexScript { Val = "24" },
                new Languages { Val = language, EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "360", LineRule = LineSpacingRuleValues.Auto })));
        return new Styles(
            defaults,
            ParagraphStyle("Normal", "Normal", null, new StyleParagraphProperties(), new StyleRunProperties()),
            ParagraphStyle("Title", "Title", "Normal",
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "0", After = "240", Line = "240", LineRule = LineSpacingRuleValues.Auto }, new Justification { Val = JustificationValues.Center }, new OutlineLevel { Val = 0 }),
                new StyleRunProperties(new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = TitleFont }, new Bold(), new FontSize { Val = "36" }, new FontSizeComplexScript { Val = "36" })),
            ParagraphStyle("Subtitle", "Subtitle", "Normal",
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { After = "120" }, new Justification { Val = JustificationValues.Center }),
                new StyleRunProperties(new FontSize { Val = "21" }, new FontSizeComplexScript { Val = "21" })),
            ParagraphStyle("Heading1", "heading 1", "Normal",
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }, new OutlineLevel { Val = 1 }),
                new StyleRunProperties(new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = HeadingFont }, new Bold(), new FontSize { Val = "28" }, new FontSizeComplexScript { Val = "28" })),
            ParagraphStyle("BodyText", "Body Text", "Normal",
                new StyleParagraphProperties(new Indentation { FirstLine = "480", FirstLineChars = 200 }, new Justification { Val = JustificationValues.Both }),
                new StyleRunProperties()),
            ParagraphStyle("Note", "Note", "Normal",
                new StyleParagraphProperties(new SpacingBetweenLines { Before = "120" }),
                new StyleRunProperties(new FontSize { Val = "21" }, new FontSizeComplexScript { Val = "21" })),
            ParagraphStyle("TableText", "Table Text", "Normal",
                new StyleParagraphProperties(new SpacingBetweenLines { Before = "20", After = "20", Line = "240", LineRule = LineSpacingRuleValues.Auto }),
                new StyleRunProperties(new RunFonts { EastAsia = TitleFont }, new FontSize { Val = "18" }, new FontSizeComplexScript { Val = "18" })),
            ParagraphStyle("TableGap", "Table Gap", "Normal",
                new StyleParagraphProperties(new SpacingBetweenLines { Line = "120", LineRule = LineSpacingRuleValues.Auto }),
                new StyleRunProperties(new FontSize { Val = "12" })),
            ParagraphStyle("Footer", "footer", "Normal",
                new StyleParagraphProperties(new Justification { Val = JustificationValues.Center }),
                new StyleRunProperties(new FontSize { Val = "18" }, new FontSizeComplexScript { Val = "18" })));
    }

    private static Style ParagraphStyle(string id, string name, string? basedOn, StyleParagraphProperties paragraph, StyleRunProperties run)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id, Default = id == "Normal" ? OnOffValue.FromBoolean(true) : null };
        style.Append(new StyleName { Val = name });
        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn });
        }

        style.Append(new PrimaryStyle());
        style.Append(paragraph);
        style.Append(run);
        return style;
    }
}
