using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Diqing.Procurement.Application.Features.Ledgers.Writers;

/// <summary>
/// Large ledgers (ADR 0009): DocumentFormat.OpenXml's SAX writer (<see cref="OpenXmlWriter"/>): no cell
/// objects are kept, only the part's XML until the package is saved. Writes the same cells, styles, totals and print setup as
/// <see cref="ClosedXmlLedgerWriter"/>; a test compares the two files.
/// </summary>
internal sealed class StreamingLedgerWriter : ILedgerWriter
{
    // Cell style indexes into the stylesheet built by BuildStylesheet (cellXfs order).
    private const uint Plain = 0;
    private const uint Title = 1;
    private const uint Header = 2;
    private const uint QuotedText = 3;
    private const uint TotalsLabel = 4;
    private const uint FirstData = 5; // then one per number format: data, then the same bold for totals

    // Stored widths include the cell padding (5 px of Calibri 11, in characters); ClosedXML adds the same on save.
    private const double ColumnWidthPadding = 0.710625;

    private static readonly string[] Formats =
        [LedgerLayout.MoneyFormat, LedgerLayout.DateFormat, LedgerLayout.DateTimeFormat, LedgerLayout.IntegerFormat, LedgerLayout.DecimalFormat];

    public async Task<int> WriteAsync(LedgerDocument document, Stream output, Action<int> rowWritten, CancellationToken cancellationToken)
    {
        // A write-only package would stream each zip entry, but OpenXml SDK 2.20 refuses it ("requires Read access"):
        // System.IO.Packaging then keeps each part's uncompressed XML in memory until the package closes (ADR 0009).
        using var spreadsheet = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = spreadsheet.AddWorkbookPart();
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = BuildStylesheet();

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sheets = new Sheets();
        var definedNames = new DefinedNames();
        var written = 0;
        for (var index = 0; index < document.Sheets.Count; index++)
        {
            var sheet = document.Sheets[index];
            var name = LedgerLayout.SafeSheetName(sheet.Name, names);
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var lastDataRow = await WriteSheetAsync(worksheetPart, sheet, document.Text, count => rowWritten(written + count), cancellationToken);
            written += lastDataRow - sheet.FirstDataRow + 1;
            sheets.Append(new Sheet { Name = name, SheetId = (uint)index + 1, Id = workbookPart.GetIdOfPart(worksheetPart) });

            var quoted = "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'!";
            var lastColumn = LedgerLayout.ColumnName(sheet.Columns.Count);
            definedNames.Append(new DefinedName($"{quoted}${"A"}${sheet.HeaderRow}:${lastColumn}${Math.Max(lastDataRow, sheet.HeaderRow)}")
            {
                Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)index, Hidden = true,
            });
            definedNames.Append(new DefinedName($"{quoted}${sheet.HeaderRow}:${sheet.HeaderRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)index });
        }

        workbookPart.Workbook = new Workbook(
            new BookViews(new WorkbookView()),
            sheets,
            definedNames,
            new CalculationProperties { CalculationId = 0, FullCalculationOnLoad = true });
        return written;
    }

    private static async Task<int> WriteSheetAsync(WorksheetPart part, LedgerSheet sheet, LedgerText text, Action<int> rowWritten, CancellationToken cancellationToken)
    {
        var columns = sheet.Columns;
        var names = Enumerable.Range(1, columns.Count).Select(LedgerLayout.ColumnName).ToArray();
        var dataStyles = columns.Select(c => LedgerLayout.FormatOf(c.Kind) is { } f ? FirstData + (uint)Array.IndexOf(Formats, f) : Plain).ToArray();
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetProperties());
        writer.WriteElement(new PageSetupProperties { FitToPage = true });
        writer.WriteEndElement();
        writer.WriteStartElement(new SheetViews());
        writer.WriteStartElement(new SheetView { WorkbookViewId = 0 });
        var firstData = "A" + sheet.FirstDataRow.ToString(CultureInfo.InvariantCulture);
        writer.WriteElement(new Pane { VerticalSplit = sheet.HeaderRow, TopLeftCell = firstData, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        writer.WriteElement(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = firstData, SequenceOfReferences = new ListValue<StringValue> { InnerText = firstData } });
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteStartElement(new Columns());
        for (var c = 0; c < columns.Count; c++)
        {
            writer.WriteElement(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = columns[c].Width + ColumnWidthPadding, CustomWidth = true });
        }

        writer.WriteEndElement();

        writer.WriteStartElement(new SheetData());
        var cells = new CellWriter(writer);
        for (var i = 0; i < sheet.Preamble.Count; i++)
        {
            var r = i + 1;
            cells.StartRow(r);
            cells.Text("A" + r.ToString(CultureInfo.InvariantCulture), sheet.Preamble[i], i == 0 ? Title : Plain);
            cells.EndRow();
        }

        cells.StartRow(sheet.HeaderRow);
        var headerRow = sheet.HeaderRow.ToString(CultureInfo.InvariantCulture);
        for (var c = 0; c < columns.Count; c++)
        {
            cells.Text(names[c] + headerRow, columns[c].Header, Header);
        }

        cells.EndRow();

        var totals = new LedgerTotals(columns);
        var row = sheet.FirstDataRow;
        var count = 0;
        await foreach (var values in sheet.Rows.WithCancellation(cancellationToken))
        {
            cells.StartRow(row);
            var rowText = row.ToString(CultureInfo.InvariantCulture);
            for (var c = 0; c < columns.Count; c++)
            {
                if (values[c] is not { } value)
                {
                    continue;
                }

                if (columns[c].Kind == LedgerCellKind.Text)
                {
                    cells.Text(names[c] + rowText, LedgerLayout.Text(value), Plain);
                }
                else
                {
                    cells.Number(names[c] + rowText, LedgerLayout.Number(columns[c].Kind, value), dataStyles[c]);
                }
            }

            cells.EndRow();
            totals.Add(values);
            row++;
            rowWritten(++count);
        }

        var lastDataRow = row - 1;
        WriteTotals(cells, sheet, totals, row, lastDataRow, names, text);
        writer.WriteEndElement(); // sheetData

        writer.WriteElement(new AutoFilter { Reference = $"A{sheet.HeaderRow}:{names[^1]}{Math.Max(lastDataRow, sheet.HeaderRow)}" });
        writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        writer.WriteElement(new HeaderFooter(new OddFooter(LedgerLayout.FooterCode(text))));
        writer.WriteEndElement(); // worksheet
        return lastDataRow;
    }

    private static void WriteTotals(CellWriter cells, LedgerSheet sheet, LedgerTotals totals, int row, int lastDataRow, string[] names, LedgerText text)
    {
        var columns = sheet.Columns;
        var rowText = row.ToString(CultureInfo.InvariantCulture);
        cells.StartRow(row);
        if (columns[0].Total == LedgerTotal.None)
        {
            cells.Text("A" + rowText, text["Label.Total"], TotalsLabel);
        }

        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Total == LedgerTotal.None)
            {
                continue;
            }

            var style = FirstData + (uint)Formats.Length + (uint)Array.IndexOf(Formats, LedgerLayout.TotalFormatOf(columns[c]));
            cells.Formula(names[c] + rowText, LedgerLayout.TotalFormula(columns[c].Total, c + 1, sheet.FirstDataRow, lastDataRow), totals[c], style);
        }

        cells.EndRow();
    }

    private static Stylesheet BuildStylesheet()
    {
        var numberFormats = new NumberingFormats(Formats.Select((f, i) => new NumberingFormat { NumberFormatId = 164u + (uint)i, FormatCode = f }));
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = LedgerLayout.TitleFontSize }, new FontName { Val = "Calibri" }));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = LedgerLayout.HeaderFillArgb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }));
        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(
                new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
                new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder()));
        var formats = new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 },
            new CellFormat { FontId = 2, FillId = 0, BorderId = 0, NumberFormatId = 0, ApplyFont = true },
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, WrapText = true })
            {
                FontId = 1, FillId = 2, BorderId = 1, NumberFormatId = 0, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true,
            },
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0, QuotePrefix = true },
            new CellFormat { FontId = 1, FillId = 0, BorderId = 0, NumberFormatId = 0, ApplyFont = true });
        foreach (var bold in new[] { false, true })
        {
            for (var i = 0; i < Formats.Length; i++)
            {
                formats.Append(new CellFormat { FontId = bold ? 1u : 0u, FillId = 0, BorderId = 0, NumberFormatId = 164u + (uint)i, ApplyNumberFormat = true, ApplyFont = bold });
            }
        }

        return new Stylesheet(
            numberFormats,
            fonts,
            fills,
            borders,
            new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 }),
            formats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));
    }

    /// <summary>Writes cells with reused element instances: the per-cell cost is the attribute strings only.</summary>
    private sealed class CellWriter(OpenXmlWriter writer)
    {
        private readonly Row _row = new();
        private readonly Cell _cell = new();
        private readonly CellValue _value = new();
        private readonly CellFormula _formula = new();
        private readonly InlineString _inline = new();
        private readonly Text _text = new();
        private readonly List<OpenXmlAttribute> _attributes = new(3);
        private readonly OpenXmlAttribute[] _rowAttribute = new OpenXmlAttribute[1];

        public void StartRow(int row)
        {
            _rowAttribute[0] = new OpenXmlAttribute("r", string.Empty, row.ToString(CultureInfo.InvariantCulture));
            writer.WriteStartElement(_row, _rowAttribute);
        }

        public void EndRow() => writer.WriteEndElement();

        /// <summary>R-25: an inline string, never a formula; formula-like text gets the quote-prefix style.</summary>
        public void Text(string reference, string text, uint style)
        {
            if (style == Plain && LedgerLayout.LooksLikeFormula(text))
            {
                style = QuotedText;
            }

            Start(reference, style, "inlineStr");
            writer.WriteStartElement(_inline);
            var preserve = text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));
            if (preserve)
            {
                writer.WriteStartElement(_text, [new OpenXmlAttribute("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")]);
            }
            else
            {
                writer.WriteStartElement(_text);
            }

            writer.WriteString(XmlSafe(text));
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        public void Number(string reference, decimal value, uint style)
        {
            Start(reference, style, null);
            WriteValue(value);
            writer.WriteEndElement();
        }

        public void Formula(string reference, string? formula, decimal cached, uint style)
        {
            Start(reference, style, null);
            if (formula is not null)
            {
                writer.WriteStartElement(_formula);
                writer.WriteString(formula);
                writer.WriteEndElement();
            }

            WriteValue(cached);
            writer.WriteEndElement();
        }

        private void WriteValue(decimal value)
        {
            writer.WriteStartElement(_value);
            writer.WriteString(value.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        }

        private void Start(string reference, uint style, string? type)
        {
            _attributes.Clear();
            _attributes.Add(new OpenXmlAttribute("r", string.Empty, reference));
            if (style != Plain)
            {
                _attributes.Add(new OpenXmlAttribute("s", string.Empty, style.ToString(CultureInfo.InvariantCulture)));
            }

            if (type is not null)
            {
                _attributes.Add(new OpenXmlAttribute("t", string.Empty, type));
            }

            writer.WriteStartElement(_cell, _attributes);
        }

        /// <summary>XML 1.0 cannot carry most control characters; ClosedXML drops them too.</summary>
        private static string XmlSafe(string text)
        {
            foreach (var ch in text)
            {
                if (ch < ' ' && ch is not ('\t' or '\n' or '\r'))
                {
                    return new string(text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r').ToArray());
                }
            }

            return text;
        }
    }
}
