using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Application.Setup;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Exports.Excel;

/// <summary>
/// Issue 14's real-client check: every ledger of the demo data, grown past one printed page, and one above
/// 10,000 rows (the old writer threshold), exported and printed to PDF by LibreOffice (as an auditor's office suite
/// would), then read back with poppler: the header row on every page after the first, totals stored with their
/// values (read from the package XML, not through a library that would compute them), each voucher and contract
/// number whole on paper, and a print scale of at least 70 % on A4 landscape.
/// </summary>
public sealed class XlsxWriterPrintTests(PrintedLedgers ledgers) : IClassFixture<PrintedLedgers>
{
    public static TheoryData<string> Files => [.. PrintedLedgers.Names];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_page_after_the_first_repeats_the_header_row(string name)
    {
        var ledger = ledgers[name];
        Assert.True(ledger.Pages.Count >= 2, $"{name} prints on {ledger.Pages.Count} page(s): the data should need two or more");
        for (var page = 1; page < ledger.Pages.Count; page++)
        {
            var lines = ledger.Pages[page].Split('\n').Where(l => l.Trim().Length > 0).ToList();
            var startsSheet = ledger.Sheets.Any(sheet => Compact(lines[0]) == Compact(sheet.Title));
            Assert.True(startsSheet || ledger.Sheets.Any(sheet => StartsWithHeader(lines, sheet.Header)),
                $"{name}, page {page + 1}: neither a sheet's title nor its header row at the top of «{string.Join(" / ", lines.Take(4))}»");
        }
    }

    /// <summary>
    /// A wrapped header cell spans several printed lines, side by side with its neighbours' ("评委总 最终得" over
    /// "分 分"), so the page is taken to start with the header row when its first lines hold exactly the header
    /// cells' characters, no more, no fewer.
    /// </summary>
    private static bool StartsWithHeader(IReadOnlyList<string> lines, IReadOnlyList<string> header)
    {
        var expected = string.Concat(header.Select(Compact)).Order().ToList();
        var seen = string.Empty;
        foreach (var line in lines.Take(4))
        {
            seen += Compact(line);
            if (seen.Length >= expected.Count)
            {
                return seen.Order().SequenceEqual(expected);
            }
        }

        return false;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_total_is_stored_with_its_value_and_print_titles_are_absolute(string name)
    {
        using var zip = ZipFile.OpenRead(ledgers[name].Workbook);
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var formulas = 0;
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var stream = entry.Open();
            foreach (var cell in XDocument.Load(stream).Descendants(main + "c").Where(c => c.Element(main + "f") is not null))
            {
                formulas++;
                var value = cell.Element(main + "v")?.Value;
                Assert.True(decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"{name} {entry.FullName} {cell.Attribute("r")?.Value}: formula without a stored value");
            }
        }

        Assert.True(formulas > 0, $"{name} has totals");
        using var workbook = zip.GetEntry("xl/workbook.xml")!.Open();
        var titles = XDocument.Load(workbook).Descendants(main + "definedName").Where(d => d.Attribute("name")?.Value == "_xlnm.Print_Titles").ToList();
        Assert.NotEmpty(titles);
        Assert.All(titles, t => Assert.Matches(@"!\$\d+:\$\d+$", t.Value));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_voucher_and_contract_number_appears_whole_on_paper(string name)
    {
        var ledger = ledgers[name];
        var text = string.Join("\n", ledger.Pages);
        Assert.All(ledger.WholeValues, value => Assert.True(text.Contains(value, StringComparison.Ordinal), $"{name}: «{value}» is not whole on paper"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_page_prints_at_seventy_percent_or_more(string name)
    {
        var ledger = ledgers[name];
        Assert.Contains("LiberationSans", ledger.Fonts, StringComparison.Ordinal); // Arial's metrics, which the scale below is measured against
        for (var page = 0; page < ledger.Scales.Count; page++)
        {
            Assert.True(ledger.Scales[page] >= 0.70, $"{name}, page {page + 1}: printed at {ledger.Scales[page]:P0}");
        }
    }

    [Fact]
    public void The_large_ledger_is_above_ten_thousand_rows_and_prints_as_many_pages()
    {
        var large = ledgers["disbursements-large"];
        Assert.True(large.Rows > 10_000, $"{large.Rows} rows");
        Assert.True(large.Pages.Count > 200, $"{large.Pages.Count} pages");
    }

    private static string Compact(string text) => Regex.Replace(text, @"\s+", string.Empty);
}

/// <summary>One printed ledger: its .xlsx, the text of each PDF page (as laid out), each page's print scale, its fonts, its sheets and what must be whole.</summary>
public sealed record PrintedLedger(
    string Workbook, int Rows, IReadOnlyList<string> Pages, IReadOnlyList<double> Scales, string Fonts,
    IReadOnlyList<PrintedSheet> Sheets, IReadOnlyList<string> WholeValues);

/// <summary>A sheet's title (its first line) and its printed header cells, read from the package.</summary>
public sealed record PrintedSheet(string Title, IReadOnlyList<string> Header);

/// <summary>
/// The demo data, grown by copying rows in SQL (contracts, milestones, competition entries, payments: enough for a
/// second page of each ledger), exported by an auditor and converted to PDF by LibreOffice, the conversions in
/// parallel (each with its own HOME, as LibreOffice needs). Fails, with what to install, when LibreOffice or
/// poppler is missing (<c>tests/run.sh</c> installs them).
/// </summary>
public sealed class PrintedLedgers : IAsyncLifetime
{
    public static readonly string[] Names = ["contracts", "funds", "disbursements", "progress", "scores", "audit", "disbursements-large"];

    private const int LargeRows = 10_050;

    private readonly Dictionary<string, PrintedLedger> _ledgers = [];
    private TestApp _app = null!;
    private string _folder = null!;

    public PrintedLedger this[string name] => _ledgers[name];

    public async Task InitializeAsync()
    {
        OfficeSuite.RequireTools();

        _app = await TestApp.CreateAsync();
        _folder = Path.Combine(_app.Folder, "print");
        Directory.CreateDirectory(_folder);
        await ApplicationInitializer.InitializeAsync(_app.Services, _app.Folder, new DemoOptions { Enabled = true }, new BootstrapOptions());
        var (large, competition) = await GrowAsync();

        var requests = new Dictionary<string, ExportRequest>
        {
            ["contracts"] = new ContractLedgerRequest(new ListContractsQuery()),
            ["funds"] = new FundLedgerRequest(new ListFundingSourcesQuery(FiscalYear: 2026)),
            ["disbursements"] = new DisbursementLedgerRequest { Funding = new ListFundingSourcesQuery(FiscalYear: 2026) },
            ["progress"] = new ProgressLedgerRequest(),
            ["scores"] = new CompetitionScoreLedgerRequest(competition),
            ["audit"] = new AuditLedgerRequest(new AuditLogFilter()),
            ["disbursements-large"] = new DisbursementLedgerRequest { ContractId = large, Funding = new ListFundingSourcesQuery(FiscalYear: 2025) },
        };
        var files = new Dictionary<string, (string Path, int Rows)>();
        foreach (var (name, request) in requests)
        {
            var path = Path.Combine(_folder, name + ".xlsx");
            await using var stream = File.Create(path);
            var file = await _app.As<WriteExportHandler>(Roles.Auditor, userName: "auditor").HandleAsync(request, stream);
            files[name] = (path, file.RowCount);
        }

        var vouchers = await QueryAsync(db => db.Disbursements.Where(d => d.Allocation.FundingSource.FiscalYear == 2026).Select(d => d.VoucherNumber).ToListAsync());
        var largeVouchers = await QueryAsync(db => db.Disbursements.Where(d => d.Allocation.ContractId == large).OrderBy(d => d.Id).Select(d => d.VoucherNumber).ToListAsync());
        var numbers = await QueryAsync(db => db.Contracts.Select(c => c.Number).ToListAsync());
        var paid = await QueryAsync(db => db.Disbursements.Where(d => d.Allocation.FundingSource.FiscalYear == 2026)
            .Select(d => db.Contracts.Where(c => c.Id == d.Allocation.ContractId).Select(c => c.Number).First()).Distinct().ToListAsync());
        var uscc = await QueryAsync(db => db.Agencies.Select(a => a.UnifiedSocialCreditCode).ToListAsync());
        var whole = new Dictionary<string, IReadOnlyList<string>>
        {
            ["contracts"] = [.. numbers, .. uscc],
            ["funds"] = vouchers,
            ["disbursements"] = [.. vouchers, .. paid],
            ["progress"] = await QueryAsync(db => db.Contracts.Where(c => c.Status != ContractStatus.Draft).Select(c => c.Number).ToListAsync()),
            ["scores"] = [],
            ["audit"] = [],
            ["disbursements-large"] = [.. largeVouchers.Take(300), .. largeVouchers.TakeLast(300)],
        };

        var converted = await Task.WhenAll(files.Select(async f => (f.Key, Pdf: await OfficeSuite.ConvertToPdfAsync(f.Value.Path, _folder))));
        foreach (var (name, pdf) in converted)
        {
            _ledgers[name] = new PrintedLedger(
                files[name].Path, files[name].Rows, await OfficeSuite.PagesAsync(pdf), await ScalesAsync(pdf), await OfficeSuite.RunAsync("pdffonts", pdf),
                Sheets(files[name].Path), whole[name]);
        }
    }

    public async Task DisposeAsync()
    {
        // To look at the files (as issue 14 asks before calling print done): DIQING_KEEP_PRINTS=<folder>.
        if (Environment.GetEnvironmentVariable("DIQING_KEEP_PRINTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            foreach (var file in Directory.EnumerateFiles(_folder).Where(f => f.EndsWith(".pdf", StringComparison.Ordinal) || f.EndsWith(".xlsx", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(keep, Path.GetFileName(file)), overwrite: true);
            }
        }

        await _app.DisposeAsync();
    }

    private async Task<T> QueryAsync<T>(Func<Infrastructure.Persistence.ProcurementDbContext, Task<T>> query)
    {
        await using var db = await _app.DbAsync();
        return await query(db);
    }

    /// <summary>Copies demo rows in SQL until each ledger needs a second page; adds a 2025 source paid 10,050 times. Returns that contract and the competition.</summary>
    private async Task<(int LargeContract, int Competition)> GrowAsync()
    {
        var draft = await QueryAsync(db => db.Contracts.Where(c => c.Status == ContractStatus.Draft).Select(c => c.Id).FirstAsync());
        var running = await QueryAsync(db => db.Contracts.Where(c => c.Status == ContractStatus.InProgress).Select(c => c.Id).FirstAsync());
        var competition = await QueryAsync(db => db.Competitions.Select(c => c.Id).FirstAsync());
        var entry = await QueryAsync(db => db.CompetitionEntries.Where(e => e.CompetitionId == competition && e.Status == Domain.Competitions.EntryStatus.Submitted).Select(e => e.Id).FirstAsync());
        for (var n = 1; n <= 36; n++)
        {
            await CopyAsync("Contracts", draft, new()
            {
                ["Number"] = $"'DQMZ-2026-{100 + n:D4}'",
                ["SequenceNumber"] = (100 + n).ToString(CultureInfo.InvariantCulture),
                ["Title"] = $"Title || '（第 {n} 批，覆盖香格里拉市、德钦县、维西傈僳族自治县的乡镇社工站）'",
            });
            await CopyAsync("Milestones", await QueryAsync(db => db.Milestones.Where(m => m.ContractId == running).Select(m => m.Id).FirstAsync()), new()
            {
                ["Name"] = $"'阶段 {n}'",
                ["DueOn"] = $"'2026-{1 + (n % 12):D2}-15'",
            });
            await CopyAsync("CompetitionEntries", entry, new()
            {
                ["Title"] = $"Title || '（复制 {n}）'",
            });
        }

        // Payments: 60 of 2026 on the running contract's first allocation, then 10,050 on a 2025 source of their own.
        var allocation = await QueryAsync(db => db.Allocations.Where(a => a.ContractId == running).Select(a => a.Id).FirstAsync());
        await InsertPaymentsAsync(allocation, 60, 1000);
        var scenario = new ContractScenario(_app);
        // Short names, so its rows take one line each: the large file's 10,050 rows print on about 290 pages, not 600.
        var agency = await _app.AddAgencyAsync("维西县社工站", Audit.VerifyAuditChainTests.Uscc(41));
        var source = await scenario.SourceAsync(900_000_000m, FundingKind.ExternalGrant, "活水计划 2025");
        await _app.ExecuteRawSqlAsync($"UPDATE FundingSources SET FiscalYear = 2025 WHERE Id = {source};");
        var largeContract = await scenario.DraftAsync(agency, 800_000_000m);
        await _app.ExecuteRawSqlAsync($"UPDATE Contracts SET Title = '大额支付（打印测试）' WHERE Id = {largeContract};");
        var largeAllocation = await _app.As<AllocateContractFundingHandler>(Roles.FinanceOfficer).AllocateAsync(
            largeContract, source, 800_000_000m, fiscalYearReason: "上年度结转资金用于本年度合同（打印测试）");
        await InsertPaymentsAsync(largeAllocation, LargeRows, 100_000);
        return (largeContract, competition);
    }

    private async Task CopyAsync(string table, int id, Dictionary<string, string> overrides)
    {
        await using var db = await _app.DbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var columns = new List<string>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = $"SELECT name FROM pragma_table_info('{table}') WHERE name <> 'Id'";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
            $"SELECT {string.Join(", ", columns.Select(c => overrides.GetValueOrDefault(c, $"\"{c}\"")))} FROM {table} WHERE Id = {id}";
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());
    }

    private async Task InsertPaymentsAsync(int allocation, int count, int firstNumber)
    {
        await using var db = await _app.DbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO Disbursements (AllocationId, VoucherNumber, PaidOn, Amount) VALUES ($a, $v, $p, $m)";
        var parameters = new[] { "$a", "$v", "$p", "$m" }.Select(n =>
        {
            var p = insert.CreateParameter();
            p.ParameterName = n;
            insert.Parameters.Add(p);
            return p;
        }).ToArray();
        for (var n = 0; n < count; n++)
        {
            parameters[0].Value = allocation;
            parameters[1].Value = $"迪民记〔2026〕演示{firstNumber + n:D4}号";
            parameters[2].Value = new DateOnly(2026, 1, 1).AddDays(n % 300).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            parameters[3].Value = (1_000m + (n % 97 * 1_234.56m)).ToString(CultureInfo.InvariantCulture);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>Each sheet's title and printed header cells, read from the package (inline strings of row 1 and of the row above the first data row).</summary>
    private static List<PrintedSheet> Sheets(string workbook)
    {
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        using var zip = ZipFile.OpenRead(workbook);
        var sheets = new List<PrintedSheet>();
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var stream = entry.Open();
            var sheet = XDocument.Load(stream);
            var split = int.Parse(sheet.Descendants(main + "pane").Single().Attribute("ySplit")!.Value, CultureInfo.InvariantCulture);
            var printed = sheet.Descendants(main + "mergeCell").FirstOrDefault()?.Attribute("ref")?.Value is { } merged
                ? Regex.Match(merged, @":([A-Z]+)\d+$").Groups[1].Value
                : null;
            var rows = sheet.Descendants(main + "row").ToList();
            var header = rows.Single(r => r.Attribute("r")!.Value == split.ToString(CultureInfo.InvariantCulture)).Elements(main + "c")
                .Where(c => printed is null || string.CompareOrdinal(Regex.Replace(c.Attribute("r")!.Value, @"\d", string.Empty).PadLeft(3), printed.PadLeft(3)) <= 0)
                .Select(c => string.Concat(c.Descendants(main + "t").Select(t => t.Value))).ToList();
            sheets.Add(new PrintedSheet(string.Concat(rows[0].Descendants(main + "t").Select(t => t.Value)), header));
        }

        return sheets;
    }

    /// <summary>
    /// Each page's print scale: numbers (dates, amounts, counts) are set in Liberation Sans, whose digits are 0.556 em
    /// wide and whose "." "," ":" are 0.278 em and "-" 0.333 em; at 100 % an 11-point cell's number is that many
    /// points × 11 wide. The median over a page's numbers, measured against their width on paper.
    /// </summary>
    private static async Task<IReadOnlyList<double>> ScalesAsync(string pdf)
    {
        var html = await OfficeSuite.RunAsync("pdftotext", "-bbox", pdf, "-");
        var scales = new List<double>();
        foreach (var page in Regex.Split(html, "<page ").Skip(1))
        {
            var ratios = Regex.Matches(page, @"<word xMin=""([\d.]+)"" yMin=""[\d.]+"" xMax=""([\d.]+)"" yMax=""[\d.]+"">([0-9][0-9,.:\-]{5,})</word>")
                .Select(m =>
                {
                    var width = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) - double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                    var ems = m.Groups[3].Value.Sum(c => c switch { '.' or ',' or ':' => 0.278, '-' => 0.333, _ => 0.556 });
                    return width / (ems * 11);
                })
                .Order()
                .ToList();
            if (ratios.Count > 0)
            {
                scales.Add(ratios[ratios.Count / 2]);
            }
        }

        return scales;
    }
}
