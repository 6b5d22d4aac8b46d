using System.Diagnostics;
using System.Globalization;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Benchmarks.Load;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Benchmarks.Lists;

/// <summary>
/// Issue 18, item 4: server time of every list query (page, sort, filter, text search) of the contract list and the
/// audit log on the generated database (100,000 contracts, 1,000,000 audit entries), through the real handlers in
/// process, with the SQLite query plan of each statement. Usage: <c>lists [--rounds 30] [--contracts N] [--audit N] [--plans]</c>.
/// </summary>
internal static class ListQueryRunner
{
    public static async Task<int> MainAsync(string[] args)
    {
        int Number(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        var rounds = Number("--rounds", 30);
        var template = await LoadData.EnsureTemplateAsync(Number("--contracts", 100_000), Number("--audit", 1_000_000), Number("--port", 5310));
        var run = LoadData.CopyForRun(template, "lists");
        using var capture = new CommandCapture();
        await using var services = LedgerExportRunner.Services(run);
        await DatabaseMigrator.MigrateAsync(services, run); // a template made before the latest migrations gets them
        var agencyId = (int)await LoadData.ScalarAsync(Path.Combine(run, "diqing.db"), "SELECT MAX(Id) FROM Agencies");

        var officer = Handler<ListContractsHandler>(services, TestApp.Principal(Roles.ProcurementOfficer, userName: "bench"));
        var agencyUser = Handler<ListContractsHandler>(services, TestApp.Principal(Roles.AgencyUser, agencyId: agencyId, userName: "bench-agency"));
        var audit = Handler<SearchAuditLogHandler>(services, TestApp.Principal(Roles.Auditor, userName: "bench-auditor"));

        var scenarios = new List<(string Name, Func<Task<string>> Run)>
        {
            ("contracts: first page (newest)", () => Contracts(officer, new ListContractsQuery())),
            ("contracts: page 10", () => Contracts(officer, new ListContractsQuery { Page = 9 })),
            ("contracts: page 500 (rows 9,981-10,000)", () => Contracts(officer, new ListContractsQuery { Page = 499 })),
            ("contracts: 100 per page", () => Contracts(officer, new ListContractsQuery { PageSize = 100 })),
        };
        foreach (var sort in Enum.GetValues<ContractSort>().Where(s => s != ContractSort.NumberDescending))
        {
            scenarios.Add(($"contracts: sort {sort}", () => Contracts(officer, new ListContractsQuery { Sort = sort })));
        }

        scenarios.AddRange(
        [
            ("contracts: status InProgress", () => Contracts(officer, new ListContractsQuery { Status = ContractStatus.InProgress })),
            ("contracts: status Suspended (2 %)", () => Contracts(officer, new ListContractsQuery { Status = ContractStatus.Suspended })),
            ("contracts: county Deqin", () => Contracts(officer, new ListContractsQuery { County = County.Deqin })),
            ("contracts: year 2020", () => Contracts(officer, new ListContractsQuery { Year = 2020 })),
            ("contracts: method SingleSource", () => Contracts(officer, new ListContractsQuery { Method = ProcurementMethod.SingleSource })),
            ("contracts: funding Donation", () => Contracts(officer, new ListContractsQuery { FundingKind = FundingKind.Donation })),
            ("contracts: one agency", () => Contracts(officer, new ListContractsQuery { AgencyId = agencyId })),
            ("contracts: county + status, by amount", () => Contracts(officer, new ListContractsQuery { County = County.Weixi, Status = ContractStatus.Closed, Sort = ContractSort.AmountDescending })),
            ("contracts: agency user's own", () => Contracts(agencyUser, new ListContractsQuery())),
            ($"search: rare \"{LoadData.RareWord}\"", () => Contracts(officer, new ListContractsQuery { Search = LoadData.RareWord })),
            ("search: common \"康复服务\"", () => Contracts(officer, new ListContractsQuery { Search = "康复服务" })),
            ("search: number \"DQMZ-2019-03\"", () => Contracts(officer, new ListContractsQuery { Search = "DQMZ-2019-03" })),
            ("search: agency \"生成123\"", () => Contracts(officer, new ListContractsQuery { Search = "生成123" })),
            ("search: no match \"不存在的词\"", () => Contracts(officer, new ListContractsQuery { Search = "不存在的词" })),
            ("search: 2 characters \"儿童\"", () => Contracts(officer, new ListContractsQuery { Search = "儿童" })),
            ("search: 2 characters, rare \"彩虹\"", () => Contracts(officer, new ListContractsQuery { Search = "彩虹" })),
            ("search: 1 character \"童\"", () => Contracts(officer, new ListContractsQuery { Search = "童" })),
            ("search + county, by title", () => Contracts(officer, new ListContractsQuery { Search = "康复服务", County = County.Deqin, Sort = ContractSort.TitleAscending })),
            ("audit: first page", () => Audit(audit, new AuditLogFilter())),
            ("audit: page 100", () => Audit(audit, new AuditLogFilter(), page: 99)),
            ("audit: page 10,000 of 50", () => Audit(audit, new AuditLogFilter(), page: 9_999)),
            ("audit: one user", () => Audit(audit, new AuditLogFilter { UserName = "user042" })),
            ("audit: one China day", () => Audit(audit, new AuditLogFilter { FromUtc = ChinaTime.StartOfDayUtc(new DateOnly(2025, 6, 1)), ToUtc = ChinaTime.StartOfDayUtc(new DateOnly(2025, 6, 2)) })),
            ("audit: entity type (1/6)", () => Audit(audit, new AuditLogFilter { EntityType = "Milestone" })),
            ("audit: entity type + action", () => Audit(audit, new AuditLogFilter { EntityType = "Disbursement", Action = AuditAction.Created })),
            ("audit: action Created (1/10)", () => Audit(audit, new AuditLogFilter { Action = AuditAction.Created })),
            ("audit: one entity's history", () => Audit(audit, new AuditLogFilter { EntityType = "PurchaseContract", EntityKey = "1234" })),
        ]);

        Console.WriteLine($"Load average: {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}; {rounds} rounds after 3 warm-ups.");
        Console.WriteLine("| query | p50 (ms) | p95 (ms) | rows · count | statements |");
        Console.WriteLine("|---|---:|---:|---|---:|");
        var plans = new List<string>();
        await using var explainDb = await services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ProcurementDbContext>>().CreateDbContextAsync();
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.OpenConnectionAsync(explainDb.Database);
        var explainConnection = Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(explainDb.Database);
        var only = Array.IndexOf(args, "--filter") is var f and >= 0 ? args[f + 1] : null;
        foreach (var (name, scenario) in scenarios.Where(s => only is null || s.Name.Contains(only, StringComparison.Ordinal)))
        {
            var times = new List<double>();
            string outcome = "";
            for (var i = 0; i < rounds + 3; i++)
            {
                capture.Clear();
                var watch = Stopwatch.StartNew();
                outcome = await scenario();
                watch.Stop();
                if (i >= 3)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {times[times.Count / 2]:F1} | {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:F1} | {outcome} | {capture.Commands.Count} |"));
            if (args.Contains("--plans") || args.Contains("--only-plans"))
            {
                plans.Add($"-- {name}");
                foreach (var command in capture.Commands)
                {
                    plans.Add(await CommandCapture.ExplainAsync(explainConnection, command));
                }
            }
        }

        plans.ForEach(Console.WriteLine);
        return 0;
    }

    private static async Task<string> Contracts(ListContractsHandler handler, ListContractsQuery query)
    {
        var page = await handler.HandleAsync(query);
        return $"{page.Items.Count} · {page.TotalCount}{(page.TotalIsLowerBound ? "+" : "")}";
    }

    private static async Task<string> Audit(SearchAuditLogHandler handler, AuditLogFilter filter, int page = 0)
    {
        var result = await handler.HandleAsync(new SearchAuditLogQuery { Filter = filter, Page = page, PageSize = 50 });
        return $"{result.Items.Count} · {result.TotalCount}{(result.TotalIsLowerBound ? "+" : "")}";
    }

    private static T Handler<T>(ServiceProvider services, System.Security.Claims.ClaimsPrincipal user)
        where T : notnull
    {
        var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(user);
        return scope.ServiceProvider.GetRequiredService<T>();
    }
}
