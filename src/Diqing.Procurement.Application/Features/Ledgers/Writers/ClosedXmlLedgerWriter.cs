using ClosedXML.Excel;

namespace Diqing.Procurement.Application.Features.Ledgers.Writers;

/// <summary>
/// The project's Excel library, for normal sizes: it builds the whole workbook in memory (about
/// 13 KB per row of 12 columns), so the handler switches to <see cref="StreamingLedgerWriter"/> above
/// <see cref="ExportLedgerHandler.StreamingThreshold"/> rows. Never calls AdjustToContents (needs libgdiplus).
/// </summary>
internal sealed class ClosedXmlLedgerWriter : ILedgerWriter
{
    public async Task<int> WriteAsync(LedgerDocument document, Stream output, Action<int> rowWritten, CancellationToken cancellationToken)
    {
        using var workbook = new XLWorkbook();
        workbook.FullCalculationOnLoad = true;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var written = 0;
        foreach (var sheet in document.Sheets)
        {
            var ws = workbook.Worksheets.Add(LedgerLayout.SafeSheetName(sheet.Name, names));
            var columns = sheet.Columns;
            for (var i = 0; i < sheet.Preamble.Count; i++)
            {
                SetText(ws.Cell(i + 1, 1), sheet.Preamble[i]);
            }

            ws.Cell(1, 1).Style.Font.Bold = true;
            ws.Cell(1, 1).Style.Font.FontSize = LedgerLayout.TitleFontSize;
            for (var c = 0; c < columns.Count; c++)
            {
                ws.Column(c + 1).Width = columns[c].Width;
                SetText(ws.Cell(sheet.HeaderRow, c + 1), columns[c].Header);
            }

            var header = ws.Range(sheet.HeaderRow, 1, sheet.HeaderRow, columns.Count).Style;
            header.Font.Bold = true;
            header.Fill.BackgroundColor = XLColor.FromHtml("#" + LedgerLayout.HeaderFillArgb);
            header.Border.OutsideBorder = XLBorderStyleValues.Thin;
            header.Border.InsideBorder = XLBorderStyleValues.Thin;
            header.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
            header.Alignment.WrapText = true;

            var totals = new LedgerTotals(columns);
            var row = sheet.FirstDataRow;
            await foreach (var values in sheet.Rows.WithCancellation(cancellationToken))
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    SetValue(ws.Cell(row, c + 1), columns[c], values[c]);
                }

                totals.Add(values);
                row++;
                rowWritten(++written);
            }

            var lastDataRow = row - 1;

            WriteTotals(ws, sheet, totals, row, lastDataRow, document.Text);
            ws.SheetView.FreezeRows(sheet.HeaderRow);
            ws.Range(sheet.HeaderRow, 1, Math.Max(lastDataRow, sheet.HeaderRow), columns.Count).SetAutoFilter();
            var page = ws.PageSetup;
            page.PaperSize = XLPaperSize.A4Paper;
            page.PageOrientation = XLPageOrientation.Landscape;
            page.FitToPages(1, 0);
            page.SetRowsToRepeatAtTop(sheet.HeaderRow, sheet.HeaderRow);
            AddFooter(page.Footer.Center, document.Text);
        }

        workbook.SaveAs(output);
        return written;
    }

    private static void WriteTotals(IXLWorksheet ws, LedgerSheet sheet, LedgerTotals totals, int row, int lastDataRow, LedgerText text)
    {
        var columns = sheet.Columns;
        if (columns[0].Total == LedgerTotal.None)
        {
            SetText(ws.Cell(row, 1), text["Label.Total"]);
            ws.Cell(row, 1).Style.Font.Bold = true;
        }

        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Total == LedgerTotal.None)
            {
                continue;
            }

            var cell = ws.Cell(row, c + 1);
            if (LedgerLayout.TotalFormula(columns[c].Total, c + 1, sheet.FirstDataRow, lastDataRow) is { } formula)
            {
                cell.FormulaA1 = formula;
            }
            else
            {
                cell.SetValue(totals[c]);
            }

            cell.Style.NumberFormat.Format = LedgerLayout.TotalFormatOf(columns[c]);
            cell.Style.Font.Bold = true;
        }
    }

    private static void SetValue(IXLCell cell, LedgerColumn column, object? value)
    {
        if (value is null)
        {
            return;
        }

        if (column.Kind == LedgerCellKind.Text)
        {
            SetText(cell, LedgerLayout.Text(value));
            return;
        }

        // Formatted cell by cell, not by column range: empty cells stay unstyled, as in the streaming writer.
        cell.Style.NumberFormat.Format = LedgerLayout.FormatOf(column.Kind);
        var number = LedgerLayout.Number(column.Kind, value);
        if (column.Kind is LedgerCellKind.Date or LedgerCellKind.DateTime)
        {
            cell.SetValue(DateTime.FromOADate((double)number));
        }
        else
        {
            cell.SetValue(number);
        }
    }

    /// <summary>R-25: always a string cell; formula-like text also gets Excel's quote prefix, so editing it keeps it text.</summary>
    private static void SetText(IXLCell cell, string text)
    {
        cell.SetValue(LedgerLayout.CellText(text));
        cell.DataType = XLDataType.Text;
        if (LedgerLayout.LooksLikeFormula(text))
        {
            cell.Style.IncludeQuotePrefix = true;
        }
    }

    private static void AddFooter(IXLHFItem footer, LedgerText text)
    {
        var parts = text["Footer", "\u0001", "\u0002"].Split('\u0001', '\u0002');
        footer.AddText(parts[0]);
        footer.AddText(XLHFPredefinedText.PageNumber);
        footer.AddText(parts[1]);
        footer.AddText(XLHFPredefinedText.NumberOfPages);
        footer.AddText(parts[2]);
    }
}
