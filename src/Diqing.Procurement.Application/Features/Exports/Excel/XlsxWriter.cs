using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Diqing.Procurement.Application.Features.Exports.Excel;

/// <summary>
/// Every ledger at every size (ADR 0009): the .xlsx package written by hand — a <see cref="ZipArchive"/> in
/// create mode on the output stream (forward-only streams work) and each worksheet's XML written by an
/// <see cref="XmlWriter"/> straight into its zip entry as the rows arrive from the database. Nothing but
/// one row and the compressor's window is held in memory. A test runs the OpenXml SDK's validator over it.
/// </summary>
public sealed class ExcelFormat : IExportFormat
{
    public string Name => "xlsx";

    public string Extension => ".xlsx";

    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public bool Accepts(ExportDocument document) => document is LedgerDocument;

    public Task<int> WriteAsync(ExportDocument document, ExportContext context, Stream output, Action<int> rowWritten, CancellationToken cancellationToken) =>
        XlsxWriter.WriteAsync((LedgerDocument)document, output, rowWritten, cancellationToken);
}

internal static class XlsxWriter
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string XmlNs = "http://www.w3.org/XML/1998/namespace";

    // Cell style indexes into the stylesheet written by WriteStyles (cellXfs order).
    private const int Plain = 0;
    private const int Title = 1;
    private const int Header = 2;
    private const int QuotedText = 3;
    private const int TotalsLabel = 4;
    private const int FirstData = 5; // then one per number format: data, then the same bold for totals

    // Stored widths include the cell padding (5 px of Calibri 11, in characters); as Excel and ClosedXML store them.
    private const double ColumnWidthPadding = 0.710625;

    private static readonly string[] Formats =
        [LedgerLayout.MoneyFormat, LedgerLayout.DateFormat, LedgerLayout.DateTimeFormat, LedgerLayout.IntegerFormat, LedgerLayout.DecimalFormat];

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        CloseOutput = false,
        NewLineHandling = NewLineHandling.None, // cell text has LF line breaks only (LedgerLayout.CellText)
    };

    public static async Task<int> WriteAsync(LedgerDocument document, Stream output, Action<int> rowWritten, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var sheetCount = document.Sheets.Count;
        WritePart(zip, "[Content_Types].xml", w => WriteContentTypes(w, sheetCount));
        WritePart(zip, "_rels/.rels", WritePackageRelationships);
        WritePart(zip, "xl/_rels/workbook.xml.rels", w => WriteWorkbookRelationships(w, sheetCount));
        WritePart(zip, "xl/styles.xml", WriteStyles);

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var written = 0;
        var sheets = new List<(string Name, LedgerSheet Sheet, int LastDataRow)>();
        for (var index = 0; index < sheetCount; index++)
        {
            var sheet = document.Sheets[index];
            var name = LedgerLayout.SafeSheetName(sheet.Name, names);
            var entry = zip.CreateEntry($"xl/worksheets/sheet{index + 1}.xml", CompressionLevel.Fastest);
            int lastDataRow;
            await using (var stream = entry.Open())
            {
                using var writer = XmlWriter.Create(stream, Settings);
                var before = written;
                lastDataRow = await WriteSheetAsync(writer, sheet, document.Text, count => rowWritten(before + count), cancellationToken);
            }

            written += lastDataRow - sheet.FirstDataRow + 1;
            sheets.Add((name, sheet, lastDataRow));
        }

        WritePart(zip, "xl/workbook.xml", w => WriteWorkbook(w, sheets));
        return written;
    }

    private static void WritePart(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = XmlWriter.Create(stream, Settings);
        writer.WriteStartDocument(standalone: true);
        write(writer);
        writer.WriteEndDocument();
    }

    private static async Task<int> WriteSheetAsync(XmlWriter w, LedgerSheet sheet, ExportText text, Action<int> rowWritten, CancellationToken cancellationToken)
    {
        var columns = sheet.Columns;
        var names = Enumerable.Range(1, columns.Count).Select(LedgerLayout.ColumnName).ToArray();
        var dataStyles = columns.Select(c => LedgerLayout.FormatOf(c.Kind) is { } f ? FirstData + Array.IndexOf(Formats, f) : Plain).ToArray();
        w.WriteStartDocument(standalone: true);
        w.WriteStartElement("worksheet", Main);

        w.WriteStartElement("sheetPr");
        w.WriteStartElement("pageSetUpPr");
        w.WriteAttributeString("fitToPage", "1");
        w.WriteEndElement();
        w.WriteEndElement();

        // Frozen header: everything above the first data row stays on screen.
        var firstData = "A" + sheet.FirstDataRow.ToString(CultureInfo.InvariantCulture);
        w.WriteStartElement("sheetViews");
        w.WriteStartElement("sheetView");
        w.WriteAttributeString("workbookViewId", "0");
        w.WriteStartElement("pane");
        w.WriteAttributeString("ySplit", sheet.HeaderRow.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("topLeftCell", firstData);
        w.WriteAttributeString("activePane", "bottomLeft");
        w.WriteAttributeString("state", "frozen");
        w.WriteEndElement();
        w.WriteStartElement("selection");
        w.WriteAttributeString("pane", "bottomLeft");
        w.WriteAttributeString("activeCell", firstData);
        w.WriteAttributeString("sqref", firstData);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("cols");
        for (var c = 0; c < columns.Count; c++)
        {
            var number = (c + 1).ToString(CultureInfo.InvariantCulture);
            w.WriteStartElement("col");
            w.WriteAttributeString("min", number);
            w.WriteAttributeString("max", number);
            w.WriteAttributeString("width", (columns[c].Width + ColumnWidthPadding).ToString("R", CultureInfo.InvariantCulture));
            w.WriteAttributeString("customWidth", "1");
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("sheetData");
        var cells = new CellWriter(w);
        for (var i = 0; i < sheet.Preamble.Count; i++)
        {
            cells.StartRow(i + 1);
            cells.Text("A", sheet.Preamble[i], i == 0 ? Title : Plain);
            cells.EndRow();
        }

        cells.StartRow(sheet.HeaderRow);
        for (var c = 0; c < columns.Count; c++)
        {
            cells.Text(names[c], columns[c].Header, Header);
        }

        cells.EndRow();

        var totals = new LedgerTotals(columns);
        var row = sheet.FirstDataRow;
        var count = 0;
        await foreach (var values in sheet.Rows.WithCancellation(cancellationToken))
        {
            cells.StartRow(row);
            for (var c = 0; c < columns.Count; c++)
            {
                if (values[c] is not { } value)
                {
                    continue;
                }

                if (columns[c].Kind == LedgerCellKind.Text)
                {
                    cells.Text(names[c], LedgerLayout.Text(value), Plain);
                }
                else
                {
                    cells.Number(names[c], LedgerLayout.Number(columns[c].Kind, value), dataStyles[c]);
                }
            }

            cells.EndRow();
            totals.Add(values);
            row++;
            rowWritten(++count);
        }

        var lastDataRow = row - 1;
        WriteTotals(cells, sheet, totals, row, lastDataRow, names, text);
        w.WriteEndElement(); // sheetData

        w.WriteStartElement("autoFilter");
        w.WriteAttributeString("ref", $"A{sheet.HeaderRow}:{names[^1]}{Math.Max(lastDataRow, sheet.HeaderRow)}");
        w.WriteEndElement();
        w.WriteStartElement("pageMargins");
        w.WriteAttributeString("left", "0.5");
        w.WriteAttributeString("right", "0.5");
        w.WriteAttributeString("top", "0.75");
        w.WriteAttributeString("bottom", "0.75");
        w.WriteAttributeString("header", "0.3");
        w.WriteAttributeString("footer", "0.3");
        w.WriteEndElement();

        // A4 (paper size 9) landscape, one page wide and as many tall as needed (with sheetPr/pageSetUpPr fitToPage).
        w.WriteStartElement("pageSetup");
        w.WriteAttributeString("paperSize", "9");
        w.WriteAttributeString("orientation", "landscape");
        w.WriteAttributeString("fitToWidth", "1");
        w.WriteAttributeString("fitToHeight", "0");
        w.WriteEndElement();
        w.WriteStartElement("headerFooter");
        w.WriteElementString("oddFooter", Main, LedgerLayout.FooterCode(text));
        w.WriteEndElement();
        w.WriteEndElement(); // worksheet
        w.WriteEndDocument();
        return lastDataRow;
    }

    private static void WriteTotals(CellWriter cells, LedgerSheet sheet, LedgerTotals totals, int row, int lastDataRow, string[] names, ExportText text)
    {
        var columns = sheet.Columns;
        cells.StartRow(row);
        if (columns[0].Total == LedgerTotal.None)
        {
            cells.Text("A", text["Label.Total"], TotalsLabel);
        }

        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Total == LedgerTotal.None)
            {
                continue;
            }

            var style = FirstData + Formats.Length + Array.IndexOf(Formats, LedgerLayout.TotalFormatOf(columns[c]));
            cells.Formula(names[c], LedgerLayout.TotalFormula(columns[c].Total, c + 1, sheet.FirstDataRow, lastDataRow), totals[c], style);
        }

        cells.EndRow();
    }

    private static void WriteWorkbook(XmlWriter w, IReadOnlyList<(string Name, LedgerSheet Sheet, int LastDataRow)> sheets)
    {
        w.WriteStartElement("workbook", Main);
        w.WriteAttributeString("xmlns", "r", null, RelationshipsNs);
        w.WriteStartElement("bookViews");
        w.WriteStartElement("workbookView");
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("sheets");
        for (var i = 0; i < sheets.Count; i++)
        {
            w.WriteStartElement("sheet");
            w.WriteAttributeString("name", sheets[i].Name);
            w.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("id", RelationshipsNs, SheetRelationship(i));
            w.WriteEndElement();
        }

        w.WriteEndElement();

        // The auto-filter's range and the header row repeated on every printed page (print titles).
        w.WriteStartElement("definedNames");
        for (var i = 0; i < sheets.Count; i++)
        {
            var (name, sheet, lastDataRow) = sheets[i];
            var quoted = "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'!";
            var lastColumn = LedgerLayout.ColumnName(sheet.Columns.Count);
            var sheetIndex = i.ToString(CultureInfo.InvariantCulture);
            w.WriteStartElement("definedName");
            w.WriteAttributeString("name", "_xlnm._FilterDatabase");
            w.WriteAttributeString("localSheetId", sheetIndex);
            w.WriteAttributeString("hidden", "1");
            w.WriteString($"{quoted}$A${sheet.HeaderRow}:${lastColumn}${Math.Max(lastDataRow, sheet.HeaderRow)}");
            w.WriteEndElement();
            w.WriteStartElement("definedName");
            w.WriteAttributeString("name", "_xlnm.Print_Titles");
            w.WriteAttributeString("localSheetId", sheetIndex);
            w.WriteString($"{quoted}${sheet.HeaderRow}:${sheet.HeaderRow}");
            w.WriteEndElement();
        }

        w.WriteEndElement();

        // Totals are cached, but Excel recomputes them on opening.
        w.WriteStartElement("calcPr");
        w.WriteAttributeString("calcId", "0");
        w.WriteAttributeString("fullCalcOnLoad", "1");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static string SheetRelationship(int index) => "rId" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static void WriteContentTypes(XmlWriter w, int sheetCount)
    {
        w.WriteStartElement("Types", ContentTypesNs);
        Default("rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default("xml", "application/xml");
        Override("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
        Override("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
        for (var i = 1; i <= sheetCount; i++)
        {
            Override($"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
        }

        w.WriteEndElement();

        void Default(string extension, string type)
        {
            w.WriteStartElement("Default");
            w.WriteAttributeString("Extension", extension);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }

        void Override(string part, string type)
        {
            w.WriteStartElement("Override");
            w.WriteAttributeString("PartName", part);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }
    }

    private static void WritePackageRelationships(XmlWriter w)
    {
        w.WriteStartElement("Relationships", PackageRelationshipsNs);
        Relationship(w, "rId1", RelationshipsNs + "/officeDocument", "xl/workbook.xml");
        w.WriteEndElement();
    }

    private static void WriteWorkbookRelationships(XmlWriter w, int sheetCount)
    {
        w.WriteStartElement("Relationships", PackageRelationshipsNs);
        for (var i = 0; i < sheetCount; i++)
        {
            Relationship(w, SheetRelationship(i), RelationshipsNs + "/worksheet", $"worksheets/sheet{i + 1}.xml");
        }

        Relationship(w, "rIdStyles", RelationshipsNs + "/styles", "styles.xml");
        w.WriteEndElement();
    }

    private static void Relationship(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship");
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }

    /// <summary>A fixed stylesheet: plain, title, header, quote-prefixed text, totals label, then one data and one bold total style per number format.</summary>
    private static void WriteStyles(XmlWriter w)
    {
        w.WriteStartElement("styleSheet", Main);
        w.WriteStartElement("numFmts");
        w.WriteAttributeString("count", Formats.Length.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < Formats.Length; i++)
        {
            w.WriteStartElement("numFmt");
            w.WriteAttributeString("numFmtId", (164 + i).ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("formatCode", Formats[i]);
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("fonts");
        w.WriteAttributeString("count", "3");
        Font(bold: false, 11);
        Font(bold: true, 11);
        Font(bold: true, LedgerLayout.TitleFontSize);
        w.WriteEndElement();

        w.WriteStartElement("fills");
        w.WriteAttributeString("count", "3");
        w.WriteStartElement("fill");
        w.WriteStartElement("patternFill");
        w.WriteAttributeString("patternType", "none");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("fill");
        w.WriteStartElement("patternFill");
        w.WriteAttributeString("patternType", "gray125");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("fill");
        w.WriteStartElement("patternFill");
        w.WriteAttributeString("patternType", "solid");
        w.WriteStartElement("fgColor");
        w.WriteAttributeString("rgb", LedgerLayout.HeaderFillArgb);
        w.WriteEndElement();
        w.WriteStartElement("bgColor");
        w.WriteAttributeString("indexed", "64");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("borders");
        w.WriteAttributeString("count", "2");
        Border(null);
        Border("thin");
        w.WriteEndElement();

        w.WriteStartElement("cellStyleXfs");
        w.WriteAttributeString("count", "1");
        Xf(0, 0, 0, 0);
        w.WriteEndElement();

        w.WriteStartElement("cellXfs");
        w.WriteAttributeString("count", (FirstData + (2 * Formats.Length)).ToString(CultureInfo.InvariantCulture));
        Xf(0, 0, 0, 0); // Plain
        Xf(0, 2, 0, 0, ("applyFont", "1")); // Title
        Xf(0, 1, 2, 1, ("applyFont", "1"), ("applyFill", "1"), ("applyBorder", "1"), ("applyAlignment", "1")); // Header: centred, wrapped
        Xf(0, 0, 0, 0, ("quotePrefix", "1")); // QuotedText
        Xf(0, 1, 0, 0, ("applyFont", "1")); // TotalsLabel
        foreach (var bold in new[] { false, true })
        {
            for (var i = 0; i < Formats.Length; i++)
            {
                Xf(164 + i, bold ? 1 : 0, 0, 0, ("applyNumberFormat", "1"), ("applyFont", bold ? "1" : "0"));
            }
        }

        w.WriteEndElement();

        w.WriteStartElement("cellStyles");
        w.WriteAttributeString("count", "1");
        w.WriteStartElement("cellStyle");
        w.WriteAttributeString("name", "Normal");
        w.WriteAttributeString("xfId", "0");
        w.WriteAttributeString("builtinId", "0");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        void Font(bool bold, double size)
        {
            w.WriteStartElement("font");
            if (bold)
            {
                w.WriteElementString("b", Main, null);
            }

            w.WriteStartElement("sz");
            w.WriteAttributeString("val", size.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
            w.WriteStartElement("name");
            w.WriteAttributeString("val", "Calibri");
            w.WriteEndElement();
            w.WriteEndElement();
        }

        void Border(string? style)
        {
            w.WriteStartElement("border");
            foreach (var side in new[] { "left", "right", "top", "bottom" })
            {
                w.WriteStartElement(side);
                if (style is not null)
                {
                    w.WriteAttributeString("style", style);
                }

                w.WriteEndElement();
            }

            w.WriteElementString("diagonal", Main, null);
            w.WriteEndElement();
        }

        void Xf(int numberFormat, int font, int fill, int border, params (string Name, string Value)[] flags)
        {
            w.WriteStartElement("xf");
            w.WriteAttributeString("numFmtId", numberFormat.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("fontId", font.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("fillId", fill.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("borderId", border.ToString(CultureInfo.InvariantCulture));
            foreach (var (name, value) in flags)
            {
                w.WriteAttributeString(name, value);
            }

            if (flags.Any(f => f.Name == "applyAlignment"))
            {
                w.WriteStartElement("alignment");
                w.WriteAttributeString("horizontal", "center");
                w.WriteAttributeString("wrapText", "1");
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }
    }

    /// <summary>
    /// Writes rows and cells with inline strings (no shared-string table to buffer). Row numbers and
    /// numbers are formatted into one reused buffer, so a cell allocates nothing but its text.
    /// </summary>
    private sealed class CellWriter(XmlWriter w)
    {
        private static readonly string[] StyleIds = Enumerable.Range(0, FirstData + (2 * Formats.Length)).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

        private readonly char[] _row = new char[11];
        private readonly char[] _number = new char[64];
        private int _rowLength;

        public void StartRow(int row)
        {
            row.TryFormat(_row, out _rowLength, default, CultureInfo.InvariantCulture);
            w.WriteStartElement("row");
            w.WriteStartAttribute("r");
            w.WriteChars(_row, 0, _rowLength);
            w.WriteEndAttribute();
        }

        public void EndRow() => w.WriteEndElement();

        /// <summary>R-25: an inline string, never a formula; formula-like text gets the quote-prefix style.</summary>
        public void Text(string column, string text, int style)
        {
            if (style == Plain && LedgerLayout.LooksLikeFormula(text))
            {
                style = QuotedText;
            }

            Start(column, style, "inlineStr");
            w.WriteStartElement("is");
            w.WriteStartElement("t");
            if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
            {
                w.WriteAttributeString("xml", "space", XmlNs, "preserve");
            }

            w.WriteString(LedgerLayout.CellText(text));
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        public void Number(string column, decimal value, int style)
        {
            Start(column, style, null);
            WriteValue(value);
            w.WriteEndElement();
        }

        public void Formula(string column, string? formula, decimal cached, int style)
        {
            Start(column, style, null);
            if (formula is not null)
            {
                w.WriteElementString("f", Main, formula);
            }

            WriteValue(cached);
            w.WriteEndElement();
        }

        private void WriteValue(decimal value)
        {
            w.WriteStartElement("v");
            value.TryFormat(_number, out var length, default, CultureInfo.InvariantCulture);
            w.WriteChars(_number, 0, length);
            w.WriteEndElement();
        }

        private void Start(string column, int style, string? type)
        {
            w.WriteStartElement("c");
            w.WriteStartAttribute("r");
            w.WriteString(column);
            w.WriteChars(_row, 0, _rowLength);
            w.WriteEndAttribute();
            if (style != Plain)
            {
                w.WriteAttributeString("s", StyleIds[style]);
            }

            if (type is not null)
            {
                w.WriteAttributeString("t", type);
            }
        }
    }
}
