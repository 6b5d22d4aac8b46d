using System.Diagnostics;
using System.Globalization;
using Diqing.Procurement.Application;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Infrastructure;
using Diqing.Procurement.Infrastructure.Auditing;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SpreadCheetah;
using SpreadCheetah.Styling;

namespace Diqing.Procurement.Benchmarks;

/// <summary>
/// Issue 7's speed check: a 100,000-row disbursement ledger and a 100,000-row audit export through
/// <see cref="WriteExportHandler"/>, against SpreadCheetah writing the same rows from the same queries.
/// Each measurement runs in a fresh process so its peak working set is its own.
/// Usage: <c>ledgers [rows] [iterations] [scenario,scenario,…]</c>, scenarios <c>disbursements</c>, <c>audit</c>
/// and their <c>-reference</c>.
/// </summary>
internal static class LedgerExportRunner
{
    private static readonly string[] DefaultScenarios = ["disbursements", "disbursements-reference", "audit", "audit-reference"];

    public static async Task<int> MainAsync(string[] args)
    {
        if (args[0] == "ledger-run")
        {
            return await RunOneAsync(args[1], args[2]);
        }

        var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var iterations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var scenarios = args.Length > 3 ? args[3].Split(',', StringSplitOptions.RemoveEmptyEntries) : DefaultScenarios;
        var folder = Path.Combine(Path.GetTempPath(), "diqing-ledger-bench-" + rows.ToString(CultureInfo.InvariantCulture));
        var database = Path.Combine(folder, "diqing.db");
        if (!File.Exists(database))
        {
            Console.WriteLine($"Seeding {rows:N0} disbursements and {rows:N0} audit entries into {folder}…");
            await SeedAsync(folder, rows);
        }

        Console.WriteLine($"| scenario | rows | time (s, best of {iterations}) | peak working set (MiB) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var scenario in scenarios)
        {
            var results = new List<(double Seconds, double PeakMiB, string Rows)>();
            for (var i = 0; i < iterations; i++)
            {
                var info = new ProcessStartInfo(Environment.ProcessPath!, Environment.GetCommandLineArgs().Skip(1).Take(0)) { RedirectStandardOutput = true };
                if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
                {
                    info.ArgumentList.Add(typeof(LedgerExportRunner).Assembly.Location);
                }

                info.ArgumentList.Add("ledger-run");
                info.ArgumentList.Add(scenario);
                info.ArgumentList.Add(folder);
                using var child = Process.Start(info)!;
                var line = (await child.StandardOutput.ReadToEndAsync()).Trim().Split('\n')[^1];
                await child.WaitForExitAsync();
                var parts = line.Split(' ');
                results.Add((double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]));
            }

            var best = results.MinBy(r => r.Seconds);
            Console.WriteLine($"| {scenario} | {best.Rows} | {best.Seconds:F2} | {results.Max(r => r.PeakMiB):F0} |");
        }

        return 0;
    }

    /// <summary>One measurement: prints "seconds peakMiB rows".</summary>
    private static async Task<int> RunOneAsync(string scenario, string folder)
    {
        await using var services = Services(folder);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(TestApp.Principal(Roles.Auditor, userName: "benchmark"));
        var handler = scope.ServiceProvider.GetRequiredService<WriteExportHandler>();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ProcurementDbContext>>();
        var output = Path.Combine(folder, scenario + ".xlsx");
        var watch = Stopwatch.StartNew();
        int rows;
        await using (var file = File.Create(output))
        {
            rows = scenario switch
            {
                "disbursements-reference" => await ReferenceDisbursementsAsync(dbFactory, file),
                "audit-reference" => await ReferenceAuditAsync(dbFactory, file),
                _ => (await handler.HandleAsync(Request(scenario), file)).RowCount,
            };
        }

        watch.Stop();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalSeconds:F3} {self.PeakWorkingSet64 / 1048576.0:F1} {rows}"));
        return 0;
    }

    private static ExportRequest Request(string scenario) => scenario switch
    {
        "disbursements" => new DisbursementLedgerRequest(),
        "audit" => new AuditLedgerRequest(new AuditLogFilter()),
        _ => throw new ArgumentException("Unknown scenario " + scenario, nameof(scenario)),
    };

    private static async Task<int> ReferenceDisbursementsAsync(IDbContextFactory<ProcurementDbContext> dbFactory, Stream output)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = from d in db.Disbursements.AsNoTracking()
                   join a in db.Allocations on d.AllocationId equals a.Id
                   join f in db.FundingSources on a.FundingSourceId equals f.Id
                   join c in db.Contracts on a.ContractId equals c.Id
                   join g in db.Agencies on c.AgencyId equals g.Id
                   orderby d.PaidOn, d.Id
                   select new { d.PaidOn, d.VoucherNumber, c.Number, c.Title, g.Name, Installment = db.Installments.Where(i => i.Id == d.InstallmentId).Select(i => i.Label).FirstOrDefault(), Source = f.Name, f.Kind, d.Amount };
        await using var sheet = await Spreadsheet.CreateNewAsync(output);
        await sheet.StartWorksheetAsync("Sheet1");
        var (money, date) = (sheet.AddStyle(new Style { Format = NumberFormat.Custom("#,##0.00") }), sheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") }));
        var cells = new Cell[9];
        var count = 0;
        await foreach (var r in rows.AsAsyncEnumerable())
        {
            cells[0] = new Cell(r.PaidOn.ToDateTime(TimeOnly.MinValue), date);
            cells[1] = new Cell(r.VoucherNumber);
            cells[2] = new Cell(r.Number);
            cells[3] = new Cell(r.Title);
            cells[4] = new Cell(r.Name);
            cells[5] = new Cell(r.Installment);
            cells[6] = new Cell(r.Source);
            cells[7] = new Cell(r.Kind.ToString());
            cells[8] = new Cell(r.Amount, money);
            await sheet.AddRowAsync(cells);
            count++;
        }

        await sheet.FinishAsync();
        return count;
    }

    private static async Task<int> ReferenceAuditAsync(IDbContextFactory<ProcurementDbContext> dbFactory, Stream output)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var sheet = await Spreadsheet.CreateNewAsync(output);
        await sheet.StartWorksheetAsync("Sheet1");
        var time = sheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd hh:mm:ss") });
        var cells = new Cell[8];
        var count = 0;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable())
        {
            cells[0] = new Cell(e.Id);
            cells[1] = new Cell(e.OccurredAtUtc.AddHours(8), time);
            cells[2] = new Cell(e.UserName);
            cells[3] = new Cell(e.Action.ToString());
            cells[4] = new Cell(e.EntityType);
            cells[5] = new Cell(e.EntityKey);
            cells[6] = new Cell(e.Changes);
            cells[7] = new Cell(e.Mac);
            await sheet.AddRowAsync(cells);
            count++;
        }

        await sheet.FinishAsync();
        return count;
    }

    /// <summary>20 signed contracts made through the handlers, then payments and audit entries inserted in bulk.</summary>
    private static async Task SeedAsync(string folder, int rows)
    {
        await using var app = await TestApp.CreateAsync(audit: Audit(folder));
        var scenario = new ContractScenario(app);
        var agencies = new[]
        {
            await app.AddAgencyAsync("德钦县社会工作服务中心（演示）", "52533422MJD000001F"),
            await app.AddAgencyAsync("香格里拉市社会服务工作中心（演示）", "52533401MJD0000025"),
        };
        for (var i = 0; i < 20; i++)
        {
            await scenario.SignedAsync(agencies[i % 2], 1_000_000_000m);
        }

        await using (var connection = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            await connection.OpenAsync();
            var allocations = new List<(long Id, long Installment)>();
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = "SELECT a.Id, (SELECT MIN(i.Id) FROM Installments i WHERE i.ContractId = a.ContractId) FROM Allocations a";
                await using var reader = await read.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    allocations.Add((reader.GetInt64(0), reader.GetInt64(1)));
                }
            }

            await using var transaction = connection.BeginTransaction();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO Disbursements (AllocationId, VoucherNumber, PaidOn, Amount, InstallmentId) VALUES ($a, $v, $p, $m, $i)";
            var p = new[] { "$a", "$v", "$p", "$m", "$i" }.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            var random = new Random(7);
            for (var n = 0; n < rows; n++)
            {
                var (allocation, installment) = allocations[n % allocations.Count];
                p[0].Value = allocation;
                p[1].Value = $"记-2026-{n + 1:D6}";
                p[2].Value = new DateOnly(2026, 1, 1).AddDays(n % 365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                p[3].Value = (random.Next(100, 5_000_000) / 100m).ToString(CultureInfo.InvariantCulture);
                p[4].Value = installment;
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        var existing = await CountAuditAsync(app);
        await AuditLogBenchmarks.FillAsync(app.DatabasePath, app.Services.GetRequiredService<IAuditSeal>(), rows - existing);
        SqliteConnection.ClearAllPools();
        Directory.CreateDirectory(folder);
        File.Copy(app.DatabasePath, Path.Combine(folder, "diqing.db"), overwrite: true);
    }

    /// <summary>The application's services on the seeded file (what TestApp does, without deleting the folder).</summary>
    internal static ServiceProvider Services(string folder)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddProcurementInfrastructure(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataFolder = folder }, folder, Audit(folder));
        services.AddProcurementApplication();
        return services.BuildServiceProvider();
    }

    /// <summary>A fixed key of the benchmark's own (the seeded file outlives the process that sealed it); never a real key.</summary>
    private static AuditOptions Audit(string folder) => new()
    {
        Keys = { ["benchmark"] = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("diqing-benchmark-audit-key"u8)) },
        CheckpointFolder = folder + "-checkpoints",
    };

    private static async Task<int> CountAuditAsync(TestApp app)
    {
        await using var db = await app.DbAsync();
        return await db.AuditEntries.CountAsync();
    }
}
