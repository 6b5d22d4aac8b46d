using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Diqing.Procurement.Application.Features.Exports.Excel;

/// <summary>Writes a <see cref="LedgerDocument"/> as .xlsx (ADR 0009), with the export's title, author and time as document properties.</summary>
public sealed class ExcelFormat : IExportFormat
{
    public string Name => "xlsx";

    public string Extension => ".xlsx";

    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public bool Accepts(ExportDocument document) => document is LedgerDocument;

    public Task<int> WriteAsync(ExportDocument document, ExportContext context, Stream output, Action<int> rowWritten, CancellationToken cancellationToken)
    {
        var text = context.Text;
        var properties = new XlsxProperties(
            document.Title,
            string.Join(text.IsEnglish ? "; " : "；", context.Filters),
            context.User.UserName ?? string.Empty,
            text["IssuingUnit"],
            context.NowUtc);
        return XlsxWriter.WriteAsync((LedgerDocument)document, properties, output, rowWritten, cancellationToken);
    }
}

/// <summary>The package's document properties (core and extended).</summary>
internal sealed record XlsxProperties(string Title, string Subject, string Author, string Company, DateTime CreatedUtc);

/// <summary>
/// Every ledger at every size (ADR 0009): the .xlsx package written by hand — a <see cref="ZipArchive"/> in
/// create mode on the output stream (forward-only streams work) and each worksheet's XML written by an
/// <see cref="XmlWriter"/> as the rows arrive from the database. Column widths come from the content, which is
/// known only after the last row, while the sheet XML must state them before the first: so each sheet's rows
/// are written to a temporary file (deleted on close) and copied into the zip entry behind the column widths.
/// Memory stays one row plus the compressor's window at any size.
/// </summary>
internal static class XlsxWriter
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string CorePropertiesNs = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    private const string ExtendedPropertiesNs = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
    private const string DublinCoreNs = "http://purl.org/dc/elements/1.1/";
    private const string DublinCoreTermsNs = "http://purl.org/dc/terms/";
    private const string XsiNs = "http://www.w3.org/2001/XMLSchema-instance";
    private const string XmlNs = "http://www.w3.org/XML/1998/namespace";

    // Stored widths include the cell padding (5 px of Arial 11's 8-px digit), as Excel stores them.
    private const double ColumnWidthPadding = 0.625;

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        CloseOutput = false,
        NewLineHandling = NewLineHandling.None, // cell text has LF line breaks only (LedgerLayout.CellText)
    };

    private static readonly XmlWriterSettings FragmentSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        CloseOutput = false,
        NewLineHandling = NewLineHandling.None,
        ConformanceLevel = ConformanceLevel.Fragment,
    };

    public static async Task<int> WriteAsync(LedgerDocument document, XlsxProperties properties, Stream output, Action<int> rowWritten, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var sheetCount = document.Sheets.Count;
        WritePart(zip, "[Content_Types].xml", w => WriteContentTypes(w, sheetCount));
        WritePart(zip, "_rels/.rels", WritePackageRelationships);
        WritePart(zip, "docProps/core.xml", w => WriteCoreProperties(w, properties));
        WritePart(zip, "docProps/app.xml", w => WriteExtendedProperties(w, properties));
        WritePart(zip, "xl/_rels/workbook.xml.rels", w => WriteWorkbookRelationships(w, sheetCount));

        var styles = new StyleTable();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var written = 0;
        var sheets = new List<(string Name, LedgerSheet Sheet, int LastDataRow)>();
        for (var index = 0; index < sheetCount; index++)
        {
            var sheet = document.Sheets[index];
            var name = LedgerLayout.SafeSheetName(sheet.Name, names);
            var before = written;
            var lastDataRow = await WriteSheetAsync(zip, $"xl/worksheets/sheet{index + 1}.xml", sheet, document.Text, styles, count => rowWritten(before + count), cancellationToken);
            written += lastDataRow - sheet.FirstDataRow + 1;
            sheets.Add((name, sheet, lastDataRow));
        }

        WritePart(zip, "xl/workbook.xml", w => WriteWorkbook(w, sheets));
        WritePart(zip, "xl/styles.xml", styles.Write);
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

    private static async Task<int> WriteSheetAsync(
        ZipArchive zip, string part, LedgerSheet sheet, ExportText text, StyleTable styles, Action<int> rowWritten, CancellationToken cancellationToken)
    {
        var columns = sheet.Columns;
        var names = Enumerable.Range(1, columns.Count).Select(LedgerLayout.ColumnName).ToArray();
        var layout = new SheetLayout(columns);
        var dataStyles = columns.Select(c => styles.Data(c)).ToArray();
        var quotedStyles = columns.Select(c => styles.Data(c, quoted: true)).ToArray();

        // The data rows, to a temporary file: their widths are measured on the way.
        await using var rows = new FileStream(
            Path.Combine(Path.GetTempPath(), "diqing-xlsx-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose);
        var totals = new LedgerTotals(columns);
        var row = sheet.FirstDataRow;
        using (var w = XmlWriter.Create(rows, FragmentSettings))
        {
            var cells = new CellWriter(w);
            var count = 0;
            await foreach (var values in sheet.Rows.WithCancellation(cancellationToken))
            {
                var lines = 1;
                for (var c = 0; c < columns.Count; c++)
                {
                    if (values[c] is { } value)
                    {
                        lines = Math.Max(lines, layout.Measure(c, value));
                    }
                }

                cells.StartRow(row, lines > 1 ? lines * LedgerLayout.LineHeight : null);
                for (var c = 0; c < columns.Count; c++)
                {
                    if (values[c] is not { } value)
                    {
                        continue;
                    }

                    if (columns[c].Kind == LedgerCellKind.Text)
                    {
                        var shown = LedgerLayout.Text(value);
                        cells.Text(names[c], shown, LedgerLayout.LooksLikeFormula(shown) ? quotedStyles[c] : dataStyles[c]);
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
        }

        var lastDataRow = row - 1;
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Total != LedgerTotal.None)
            {
                layout.MeasureShown(c, LedgerLayout.ShownTotal(columns[c], totals[c]));
            }
        }

        var widths = layout.Widths();
        var printed = sheet.PrintedColumns ?? columns.Count;
        var sheetWidth = widths.Take(printed).Sum();

        using var stream = zip.CreateEntry(part, CompressionLevel.Fastest).Open();
        using (var w = XmlWriter.Create(stream, Settings))
        {
            WriteSheetStart(w, sheet, widths);
            var cells = new CellWriter(w);
            for (var i = 0; i < sheet.Preamble.Count; i++)
            {
                var title = i == 0;
                cells.StartRow(i + 1, title ? LedgerLayout.TitleHeight : LedgerLayout.Lines(sheet.Preamble[i], sheetWidth) * LedgerLayout.LineHeight);
                cells.Text("A", sheet.Preamble[i], title ? styles.Title : styles.Preamble);
                cells.EndRow();
            }

            var headerLines = columns.Select((column, c) => LedgerLayout.Lines(column.Header, widths[c])).Max();
            cells.StartRow(sheet.HeaderRow, headerLines * LedgerLayout.LineHeight);
            for (var c = 0; c < columns.Count; c++)
            {
                cells.Text(names[c], columns[c].Header, styles.Header);
            }

            cells.EndRow();
            w.Flush();
            rows.Position = 0;
            await rows.CopyToAsync(stream, cancellationToken);

            WriteTotals(cells, sheet, totals, lastDataRow + 1, lastDataRow, names, text, styles);
            w.WriteEndElement(); // sheetData
            WriteSheetEnd(w, sheet, lastDataRow, names, printed, text);
        }

        return lastDataRow;
    }

    private static void WriteSheetStart(XmlWriter w, LedgerSheet sheet, IReadOnlyList<double> widths)
    {
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
        Element(w, "pane", ("ySplit", sheet.HeaderRow.ToString(CultureInfo.InvariantCulture)), ("topLeftCell", firstData), ("activePane", "bottomLeft"), ("state", "frozen"));
        Element(w, "selection", ("pane", "bottomLeft"), ("activeCell", firstData), ("sqref", firstData));
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("sheetFormatPr");
        w.WriteAttributeString("defaultRowHeight", Points(LedgerLayout.LineHeight));
        w.WriteEndElement();

        w.WriteStartElement("cols");
        for (var c = 0; c < widths.Count; c++)
        {
            var number = (c + 1).ToString(CultureInfo.InvariantCulture);
            Element(w, "col", ("min", number), ("max", number), ("width", (widths[c] + ColumnWidthPadding).ToString("0.###", CultureInfo.InvariantCulture)), ("customWidth", "1"));
        }

        w.WriteEndElement();
        w.WriteStartElement("sheetData");
    }

    private static void WriteSheetEnd(XmlWriter w, LedgerSheet sheet, int lastDataRow, string[] names, int printed, ExportText text)
    {
        w.WriteStartElement("autoFilter");
        w.WriteAttributeString("ref", $"A{sheet.HeaderRow}:{names[^1]}{Math.Max(lastDataRow, sheet.HeaderRow)}");
        w.WriteEndElement();

        // Each preamble line spans the printed width, so it wraps there instead of running past the page.
        if (printed > 1 && sheet.Preamble.Count > 0)
        {
            w.WriteStartElement("mergeCells");
            w.WriteAttributeString("count", sheet.Preamble.Count.ToString(CultureInfo.InvariantCulture));
            for (var i = 1; i <= sheet.Preamble.Count; i++)
            {
                w.WriteStartElement("mergeCell");
                w.WriteAttributeString("ref", $"A{i}:{names[printed - 1]}{i}");
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteStartElement("printOptions");
        w.WriteAttributeString("horizontalCentered", "1");
        w.WriteEndElement();
        Element(w, "pageMargins", ("left", "0.5"), ("right", "0.5"), ("top", "0.75"), ("bottom", "0.75"), ("header", "0.3"), ("footer", "0.3"));

        // A4 (paper size 9) landscape, one page wide and as many tall as needed (with sheetPr/pageSetUpPr fitToPage).
        Element(w, "pageSetup", ("paperSize", "9"), ("orientation", "landscape"), ("fitToWidth", "1"), ("fitToHeight", "0"));
        w.WriteStartElement("headerFooter");
        w.WriteElementString("oddFooter", Main, LedgerLayout.FooterCode(text));
        w.WriteEndElement();
        w.WriteEndElement(); // worksheet
        w.WriteEndDocument();
    }

    private static void WriteTotals(CellWriter cells, LedgerSheet sheet, LedgerTotals totals, int row, int lastDataRow, string[] names, ExportText text, StyleTable styles)
    {
        var columns = sheet.Columns;
        cells.StartRow(row, null);
        if (columns[0].Total == LedgerTotal.None)
        {
            cells.Text("A", text["Label.Total"], styles.TotalsLabel);
        }

        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Total != LedgerTotal.None)
            {
                cells.Formula(names[c], LedgerLayout.TotalFormula(columns[c].Total, c + 1, sheet.FirstDataRow, lastDataRow), totals[c], styles.Total(columns[c]));
            }
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

        // The auto-filter's range and the header row repeated on every printed page (print titles, absolute:
        // a relative "6:6" is ignored by LibreOffice).
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
            if (sheet.PrintedColumns is { } printed)
            {
                w.WriteStartElement("definedName");
                w.WriteAttributeString("name", "_xlnm.Print_Area");
                w.WriteAttributeString("localSheetId", sheetIndex);
                w.WriteString($"{quoted}$A$1:${LedgerLayout.ColumnName(printed)}${lastDataRow + 1}");
                w.WriteEndElement();
            }

            w.WriteStartElement("definedName");
            w.WriteAttributeString("name", "_xlnm.Print_Titles");
            w.WriteAttributeString("localSheetId", sheetIndex);
            w.WriteString($"{quoted}${sheet.HeaderRow}:${sheet.HeaderRow}");
            w.WriteEndElement();
        }

        w.WriteEndElement();

        // Totals carry their values (previewers and readers that do not calculate show them); Excel recomputes on opening.
        Element(w, "calcPr", ("calcId", "0"), ("fullCalcOnLoad", "1"));
        w.WriteEndElement();
    }

    /// <summary>An empty element with its attributes.</summary>
    private static void Element(XmlWriter w, string name, params (string Name, string Value)[] attributes)
    {
        w.WriteStartElement(name);
        foreach (var (attribute, value) in attributes)
        {
            w.WriteAttributeString(attribute, value);
        }

        w.WriteEndElement();
    }

    private static string SheetRelationship(int index) => "rId" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string Points(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static void WriteContentTypes(XmlWriter w, int sheetCount)
    {
        w.WriteStartElement("Types", ContentTypesNs);
        Default("rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default("xml", "application/xml");
        Override("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
        Override("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
        Override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
        Override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
        for (var i = 1; i <= sheetCount; i++)
        {
            Override($"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
        }

        w.WriteEndElement();

        void Default(string extension, string type)
        {
            Element(w, "Default", ("Extension", extension), ("ContentType", type));
        }

        void Override(string part, string type)
        {
            Element(w, "Override", ("PartName", part), ("ContentType", type));
        }
    }

    private static void WritePackageRelationships(XmlWriter w)
    {
        w.WriteStartElement("Relationships", PackageRelationshipsNs);
        Relationship(w, "rId1", RelationshipsNs + "/officeDocument", "xl/workbook.xml");
        Relationship(w, "rId2", PackageRelationshipsNs + "/metadata/core-properties", "docProps/core.xml");
        Relationship(w, "rId3", RelationshipsNs + "/extended-properties", "docProps/app.xml");
        w.WriteEndElement();
    }

    /// <summary>Title, subject (the filter), author, and when it was made (UTC, W3CDTF).</summary>
    private static void WriteCoreProperties(XmlWriter w, XlsxProperties properties)
    {
        w.WriteStartElement("cp", "coreProperties", CorePropertiesNs);
        w.WriteAttributeString("xmlns", "dc", null, DublinCoreNs);
        w.WriteAttributeString("xmlns", "dcterms", null, DublinCoreTermsNs);
        w.WriteAttributeString("xmlns", "xsi", null, XsiNs);
        w.WriteElementString("dc", "title", DublinCoreNs, LedgerLayout.CellText(properties.Title));
        if (properties.Subject.Length > 0)
        {
            w.WriteElementString("dc", "subject", DublinCoreNs, LedgerLayout.CellText(properties.Subject));
        }

        w.WriteElementString("dc", "creator", DublinCoreNs, LedgerLayout.CellText(properties.Author));
        w.WriteElementString("cp", "lastModifiedBy", CorePropertiesNs, LedgerLayout.CellText(properties.Author));
        var created = DateTime.SpecifyKind(properties.CreatedUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        foreach (var element in new[] { "created", "modified" })
        {
            w.WriteStartElement("dcterms", element, DublinCoreTermsNs);
            w.WriteAttributeString("xsi", "type", XsiNs, "dcterms:W3CDTF");
            w.WriteString(created);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteExtendedProperties(XmlWriter w, XlsxProperties properties)
    {
        w.WriteStartElement("Properties", ExtendedPropertiesNs);
        w.WriteElementString("Application", ExtendedPropertiesNs, "Diqing.Procurement");
        w.WriteElementString("Company", ExtendedPropertiesNs, properties.Company);
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
        Element(w, "Relationship", ("Id", id), ("Type", type), ("Target", target));
    }

    /// <summary>
    /// Column widths from the content: the widest value of a column printed whole, the widest line of a
    /// wrapped one up to its wrap width, never narrower than its header needs in two lines (or its longest word).
    /// </summary>
    private sealed class SheetLayout(IReadOnlyList<LedgerColumn> columns)
    {
        // Excel's widest column.
        private const double MaxWidth = 254;

        private readonly double[] _widest = new double[columns.Count];

        /// <summary>Records a value's width; returns the lines it takes (wrapped text at its wrap width, else one).</summary>
        public int Measure(int column, object value)
        {
            var shown = LedgerLayout.Shown(columns[column].Kind, value);
            MeasureShown(column, shown);
            return columns[column].WrapAt is { } wrapAt && columns[column].Kind == LedgerCellKind.Text ? LedgerLayout.Lines(shown, wrapAt + LedgerLayout.CellPadding) : 1;
        }

        public void MeasureShown(int column, string shown) => _widest[column] = Math.Max(_widest[column], LedgerLayout.WidestLine(shown));

        public double[] Widths() => columns.Select((column, c) =>
        {
            var content = column.WrapAt is { } wrapAt ? Math.Min(_widest[c], wrapAt) : _widest[c];
            return Math.Min(Math.Max(content, HeaderNeeds(column.Header)) + LedgerLayout.CellPadding, MaxWidth);
        }).ToArray();

        private static double HeaderNeeds(string header)
        {
            var longestWord = header.Split(' ').Max(word => LedgerLayout.Width(word));
            var wide = header.Any(c => LedgerLayout.Width(c) > 1.8);
            return wide ? Math.Max(Math.Ceiling(LedgerLayout.Width(header) / 2), 4) : Math.Max(longestWord, 4);
        }
    }

    /// <summary>
    /// The stylesheet, built as the sheets ask for styles (it is written after them): fonts regular, bold and the
    /// title's; the header's fill; thin borders around data and totals; custom number formats from 164 on.
    /// </summary>
    private sealed class StyleTable
    {
        private const int Regular = 0;
        private const int Bold = 1;
        private const int TitleFont = 2;
        private const int HeaderFill = 2;
        private const int Thin = 1;

        private readonly List<string> _formats = [];
        private readonly List<Xf> _xfs = [new(0, Regular, 0, 0, null, null, false, false)];

        public StyleTable()
        {
            Title = Add(new Xf(0, TitleFont, 0, 0, null, "center", false, false));
            Preamble = Add(new Xf(0, Regular, 0, 0, "left", "top", true, false));
            Header = Add(new Xf(0, Bold, HeaderFill, Thin, "center", "center", true, false));
            TotalsLabel = Add(new Xf(0, Bold, 0, Thin, null, "top", false, false));
        }

        public int Title { get; }

        public int Preamble { get; }

        public int Header { get; }

        public int TotalsLabel { get; }

        /// <summary>A data cell: wrapped text for wrapped columns, quote-prefixed text for formula-like values (R-25).</summary>
        public int Data(LedgerColumn column, bool quoted = false) => column.Kind == LedgerCellKind.Text
            ? Add(new Xf(0, Regular, 0, Thin, null, "top", column.WrapAt is not null, quoted))
            : Add(new Xf(Format(LedgerLayout.FormatOf(column.Kind)!), Regular, 0, Thin, null, "top", false, false));

        public int Total(LedgerColumn column) => Add(new Xf(Format(LedgerLayout.TotalFormatOf(column)), Bold, 0, Thin, null, "top", false, false));

        private int Format(string code)
        {
            var index = _formats.IndexOf(code);
            if (index < 0)
            {
                _formats.Add(code);
                index = _formats.Count - 1;
            }

            return 164 + index;
        }

        private int Add(Xf xf)
        {
            var index = _xfs.IndexOf(xf);
            if (index < 0)
            {
                _xfs.Add(xf);
                index = _xfs.Count - 1;
            }

            return index;
        }

        public void Write(XmlWriter w)
        {
            w.WriteStartElement("styleSheet", Main);
            if (_formats.Count > 0)
            {
                w.WriteStartElement("numFmts");
                w.WriteAttributeString("count", Count(_formats.Count));
                for (var i = 0; i < _formats.Count; i++)
                {
                    Element(w, "numFmt", ("numFmtId", Count(164 + i)), ("formatCode", _formats[i]));
                }

                w.WriteEndElement();
            }

            w.WriteStartElement("fonts");
            w.WriteAttributeString("count", "3");
            Font(bold: false, LedgerLayout.FontSize);
            Font(bold: true, LedgerLayout.FontSize);
            Font(bold: true, LedgerLayout.TitleFontSize);
            w.WriteEndElement();

            w.WriteStartElement("fills");
            w.WriteAttributeString("count", "3");
            Fill("none");
            Fill("gray125");
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
            Element(w, "xf", ("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"));
            w.WriteEndElement();

            w.WriteStartElement("cellXfs");
            w.WriteAttributeString("count", Count(_xfs.Count));
            foreach (var xf in _xfs)
            {
                xf.Write(w);
            }

            w.WriteEndElement();

            w.WriteStartElement("cellStyles");
            w.WriteAttributeString("count", "1");
            Element(w, "cellStyle", ("name", "Normal"), ("xfId", "0"), ("builtinId", "0"));
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
                w.WriteAttributeString("val", LedgerLayout.FontName);
                w.WriteEndElement();
                w.WriteStartElement("family");
                w.WriteAttributeString("val", "2"); // swiss (sans-serif): the fallback a reader without Arial picks
                w.WriteEndElement();
                w.WriteEndElement();
            }

            void Fill(string pattern)
            {
                w.WriteStartElement("fill");
                w.WriteStartElement("patternFill");
                w.WriteAttributeString("patternType", pattern);
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
        }

        private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

        private sealed record Xf(int NumberFormat, int Font, int Fill, int Border, string? Horizontal, string? Vertical, bool Wrap, bool QuotePrefix)
        {
            public void Write(XmlWriter w)
            {
                w.WriteStartElement("xf");
                w.WriteAttributeString("numFmtId", Count(NumberFormat));
                w.WriteAttributeString("fontId", Count(Font));
                w.WriteAttributeString("fillId", Count(Fill));
                w.WriteAttributeString("borderId", Count(Border));
                w.WriteAttributeString("xfId", "0");
                if (NumberFormat != 0)
                {
                    w.WriteAttributeString("applyNumberFormat", "1");
                }

                if (Font != Regular)
                {
                    w.WriteAttributeString("applyFont", "1");
                }

                if (Fill != 0)
                {
                    w.WriteAttributeString("applyFill", "1");
                }

                if (Border != 0)
                {
                    w.WriteAttributeString("applyBorder", "1");
                }

                var aligned = Horizontal is not null || Vertical is not null || Wrap;
                if (aligned)
                {
                    w.WriteAttributeString("applyAlignment", "1");
                }

                if (QuotePrefix)
                {
                    w.WriteAttributeString("quotePrefix", "1");
                }

                if (aligned)
                {
                    w.WriteStartElement("alignment");
                    if (Horizontal is not null)
                    {
                        w.WriteAttributeString("horizontal", Horizontal);
                    }

                    if (Vertical is not null)
                    {
                        w.WriteAttributeString("vertical", Vertical);
                    }

                    if (Wrap)
                    {
                        w.WriteAttributeString("wrapText", "1");
                    }

                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }
        }
    }

    /// <summary>
    /// Writes rows and cells with inline strings (no shared-string table to buffer). Row numbers and
    /// numbers are formatted into one reused buffer, so a cell allocates nothing but its text.
    /// </summary>
    private sealed class CellWriter(XmlWriter w)
    {
        private readonly char[] _row = new char[11];
        private readonly char[] _number = new char[64];
        private int _rowLength;

        public void StartRow(int row, double? height)
        {
            row.TryFormat(_row, out _rowLength, default, CultureInfo.InvariantCulture);
            w.WriteStartElement("row");
            w.WriteStartAttribute("r");
            w.WriteChars(_row, 0, _rowLength);
            w.WriteEndAttribute();
            if (height is { } points)
            {
                w.WriteAttributeString("ht", Points(points));
                w.WriteAttributeString("customHeight", "1");
            }
        }

        public void EndRow() => w.WriteEndElement();

        /// <summary>R-25: an inline string, never a formula (formula-like text gets a quote-prefix style from the caller).</summary>
        public void Text(string column, string text, int style)
        {
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

        /// <summary>A total: the formula and its computed value, stored (readers that do not calculate show it).</summary>
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
            if (style != 0)
            {
                w.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
            }

            if (type is not null)
            {
                w.WriteAttributeString("t", type);
            }
        }
    }
}
