using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Diqing.Procurement.Benchmarks.Load;

/// <summary>
/// Issue 18's load benchmark. Starts the app on a copy of the generated database, opens N real sessions (one
/// headless Chromium context each, signed in as the page's role) idle on one page, and after each step reads the
/// server's live heap (after a full collection) and working set through the benchmark-only stats endpoint. At every
/// step three probe sessions (officer, agency, judge) run their scripted flows and the time of each interaction,
/// as the user sees it, is recorded. Usage (see docs/performance.md):
/// <c>load [--page contracts|report] [--users 0,25,50,100] [--rounds 10] [--contracts 100000] [--audit 1000000] [--port 5310] [--app published-folder] [--gcdump] [--settle 5]</c>
/// </summary>
internal static class LoadRunner
{
    private const string Password = "Demo@Diqing2026";
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    public static async Task<int> MainAsync(string[] args)
    {
        var options = Options.Parse(args);
        var template = await LoadData.EnsureTemplateAsync(options.Contracts, options.AuditEntries, options.Port);
        var run = LoadData.CopyForRun(template, "load-" + options.Page);
        var competitionId = await LoadData.ScalarAsync(Path.Combine(run, "diqing.db"), "SELECT MIN(Id) FROM Competitions");
        Console.WriteLine($"Load average before start: {LoadAverage()}");
        await using var app = await AppProcess.StartAsync(run, options.Port, options.AppFolder);
        Console.WriteLine($"App pid {app.ProcessId} healthy after {app.WallToHealthy.TotalSeconds:F1} s ({app.AtHealthy.CpuSeconds:F2} CPU-s).");

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        var states = new Dictionary<string, string>();
        foreach (var user in new[] { "procurement", "agency", "judge" })
        {
            states[user] = await SignInAsync(browser, app.Address, user);
        }

        // The probes: one session per role, each running its flow once per round.
        var officer = await OpenAsync(browser, app.Address, states["procurement"], "contracts", "[data-testid=contract-link]");
        var agency = await OpenAsync(browser, app.Address, states["agency"], "my-work", "[data-testid=work-open]");
        await agency.Locator("[data-testid=work-item]").Filter(new() { HasText = "独居老人康乐屋" }).Filter(new() { HasText = "中期" })
            .Locator("[data-testid=work-open]").ClickAsync();
        await agency.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/reports/milestone/\d+$"));
        var reportPath = new Uri(agency.Url).AbsolutePath.TrimStart('/');
        var judge = await OpenAsync(browser, app.Address, states["judge"], $"competitions/{competitionId}", "[data-interactive=true]");

        var (idleUser, idlePath, idleReady) = options.Page switch
        {
            "contracts" => ("procurement", "contracts", "[data-testid=contract-link]"),
            "report" => ("agency", reportPath, "textarea[data-testid=report-narrative]"),
            "mywork" => ("agency", "my-work", "[data-testid=work-open]"),
            _ => throw new ArgumentException("--page is contracts, report or mywork"),
        };

        var idle = new List<IBrowserContext>();
        var rows = new List<string>();
        BenchmarkStats? baseline = null;
        var timings = new Dictionary<string, List<double>>();
        foreach (var target in options.Users)
        {
            var opening = Stopwatch.StartNew();
            while (idle.Count < target)
            {
                var batch = Enumerable.Range(0, Math.Min(5, target - idle.Count))
                    .Select(_ => OpenContextAsync(browser, app.Address, states[idleUser], idlePath, idleReady));
                idle.AddRange(await Task.WhenAll(batch));
            }

            foreach (var list in timings.Values)
            {
                list.Clear();
            }

            for (var round = 0; round < options.Rounds; round++)
            {
                await OfficerFlowAsync(officer, round, timings);
                await AgencyFlowAsync(agency, reportPath, round, timings);
                await JudgeFlowAsync(judge, competitionId, round, timings);
            }

            // After the flows, so the probes are in the same state at every step and cancel out of the difference. --settle 135
            // waits out Kestrel's keep-alive (130 s): each browser keeps up to six idle HTTP connections open that long after
            // loading the page, which belong to the browser, not to its circuit.
            await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
            var stats = await app.StatsAsync();
            baseline ??= stats;
            if (options.GcDump)
            {
                await GcDumpAsync(app.ProcessId, Path.Combine(Path.GetTempPath(), "diqing-load-bench", $"{options.Page}-{target}.gcdump"));
            }

            var perCircuitHeap = target == 0 ? 0 : (stats.LiveHeapBytes - baseline.LiveHeapBytes) / 1024.0 / target;
            var perCircuitWs = target == 0 ? 0 : (stats.WorkingSetBytes - baseline.WorkingSetBytes) / 1024.0 / target;
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {target} | {stats.Circuits} | {stats.LiveHeapBytes / 1048576.0:F1} | {stats.WorkingSetBytes / 1048576.0:F0} | {perCircuitHeap:F0} | {perCircuitWs:F0} | {LoadAverage()} | {opening.Elapsed.TotalSeconds:F0} s |"));
            Console.WriteLine(rows[^1]);
            Console.WriteLine(string.Join(Environment.NewLine, timings.Select(t => string.Create(CultureInfo.InvariantCulture,
                $"|   {target} | {t.Key} | {Percentile(t.Value, 50):F0} | {Percentile(t.Value, 95):F0} | {t.Value.Count} |"))));
        }

        Console.WriteLine();
        Console.WriteLine($"Idle page: {options.Page} ({idlePath}); {options.Contracts:N0} contracts, {options.AuditEntries:N0} audit entries; rounds {options.Rounds}; measured {options.SettleSeconds} s after the flows.");
        Console.WriteLine("| idle sessions | circuits (incl. 3 probes) | live heap (MiB) | working set (MiB) | heap per idle circuit (KiB) | working set per idle circuit (KiB) | load average | time to open |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---|---:|");
        rows.ForEach(Console.WriteLine);
        foreach (var context in idle)
        {
            await context.CloseAsync();
        }

        return 0;
    }

    private static async Task OfficerFlowAsync(IPage page, int round, Dictionary<string, List<double>> timings)
    {
        await TimeAsync(timings, "officer: open contract list", async () =>
        {
            await page.GotoAsync("contracts");
            await page.Locator("[data-testid=contract-link]").First.WaitForAsync();
            await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        });
        for (var i = 0; i < 3; i++)
        {
            var first = await page.Locator("[data-testid=contract-link]").First.InnerTextAsync();
            await TimeAsync(timings, "officer: next page", async () =>
            {
                await page.Locator("button[aria-label=下一页]").ClickAsync();
                await WaitChangedAsync(page, "[data-testid=contract-link]", first);
            });
        }

        string[] terms = [LoadData.RareWord, "康复服务", "儿童", "DQMZ-2019-03"];
        var term = terms[round % terms.Length];
        var before = await page.Locator("[data-testid=contracts-grid] tbody").InnerTextAsync();
        await TimeAsync(timings, "officer: search (incl. 300 ms debounce)", async () =>
        {
            await page.Locator("input[data-testid=contract-search], [data-testid=contract-search] input").First.FillAsync(term);
            await WaitChangedAsync(page, "[data-testid=contracts-grid] tbody", before);
        });
    }

    private static async Task AgencyFlowAsync(IPage page, string reportPath, int round, Dictionary<string, List<double>> timings)
    {
        await TimeAsync(timings, "agency: open my work", async () =>
        {
            await page.GotoAsync("my-work");
            await page.Locator("[data-testid=work-open]").First.WaitForAsync();
            await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        });
        await TimeAsync(timings, "agency: open report form", async () =>
        {
            await page.GotoAsync(reportPath);
            await page.Locator("textarea[data-testid=report-narrative]").WaitForAsync();
            await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        });
        await page.Locator("textarea[data-testid=report-narrative]").FillAsync($"完成入户探访与需求评估（基准测试第 {round} 轮）。");
        await page.Locator("textarea[data-testid=report-narrative]").PressAsync("Tab");
        var saved = await page.Locator("[data-testid=saved-at]").InnerTextAsync();
        await TimeAsync(timings, "agency: save report draft", async () =>
        {
            await page.Locator("[data-testid=report-save]").ClickAsync();
            await WaitChangedAsync(page, "[data-testid=saved-at]", saved);
        });
    }

    private static async Task JudgeFlowAsync(IPage page, long competitionId, int round, Dictionary<string, List<double>> timings)
    {
        var tab = page.GetByRole(AriaRole.Tab, new() { Name = "评审打分", Exact = true });
        await TimeAsync(timings, "judge: open competition", async () =>
        {
            await page.GotoAsync($"competitions/{competitionId}");
            await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await tab.WaitForAsync();
        });
        for (var attempt = 0; attempt < 5 && await tab.GetAttributeAsync("aria-selected") != "true"; attempt++)
        {
            await tab.ClickAsync();
            await page.WaitForTimeoutAsync(200);
        }

        var points = page.Locator("input[data-testid=points]:not([disabled]), [data-testid=points] input:not([disabled])").First;
        await points.WaitForAsync();
        var total = page.Locator("[data-testid=judging-entry]").Filter(new() { Has = points }).Locator("[data-testid=sheet-total]");
        var before = await total.InnerTextAsync();
        await TimeAsync(timings, "judge: enter points", async () =>
        {
            await points.FillAsync((10 + round % 2 * 5 + (before.Contains("10", StringComparison.Ordinal) ? 1 : 0)).ToString(CultureInfo.InvariantCulture));
            await points.PressAsync("Tab");
            await page.WaitForFunctionAsync("([el, old]) => el.innerText !== old", new object[] { await total.ElementHandleAsync(), before });
        });
    }

    private static async Task WaitChangedAsync(IPage page, string selector, string before) =>
        await page.WaitForFunctionAsync(
            "([selector, old]) => { const el = document.querySelector(selector); return el !== null && el.innerText !== old; }",
            new object[] { selector, before });

    private static async Task TimeAsync(Dictionary<string, List<double>> timings, string name, Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        watch.Stop();
        if (!timings.TryGetValue(name, out var list))
        {
            timings[name] = list = [];
        }

        list.Add(watch.Elapsed.TotalMilliseconds);
    }

    private static double Percentile(List<double> values, int percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    /// <summary>Signs in on the static sign-in page and lands on a static page, so no circuit stays behind.</summary>
    private static async Task<string> SignInAsync(IBrowser browser, Uri address, string userName)
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login?ReturnUrl=%2Faccount%2Faccess-denied");
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/account/access-denied"));
        return await context.StorageStateAsync();
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, Uri address, string state, string path, string ready)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = address.ToString(), StorageState = state, ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator(ready).First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    private static async Task<IBrowserContext> OpenContextAsync(IBrowser browser, Uri address, string state, string path, string ready) =>
        (await OpenAsync(browser, address, state, path, ready)).Context;

    private static async Task GcDumpAsync(int processId, string output)
    {
        var info = new ProcessStartInfo("dotnet", ["dotnet-gcdump", "collect", "-p", processId.ToString(CultureInfo.InvariantCulture), "-o", output])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        Console.WriteLine($"gcdump: {output} (read with: dotnet dotnet-gcdump report {output})");
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private sealed record Options(string Page, int[] Users, int Rounds, int Contracts, int AuditEntries, int Port, string? AppFolder, bool GcDump, int SettleSeconds)
    {
        public static Options Parse(string[] args)
        {
            string? Value(string name)
            {
                var index = Array.IndexOf(args, name);
                return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
            }

            int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            return new Options(
                Value("--page") ?? "contracts",
                (Value("--users") ?? "0,25,50,100").Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).Order().ToArray(),
                Number("--rounds", 10),
                Number("--contracts", 100_000),
                Number("--audit", 1_000_000),
                Number("--port", 5310),
                Value("--app"),
                args.Contains("--gcdump"),
                Number("--settle", 5));
        }
    }
}
