using System.Globalization;
using System.Text.RegularExpressions;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>
/// The issue's whole competition in the browser: the officer sets it up (windows, rubric, panel) and
/// opens it; two agencies enter; three judges declare conflicts and score, each confirming the submission
/// of a sheet (R-29); the officer's publication is refused while a sheet is missing and the judging window
/// is open, naming both (R-28), then goes through as an early publication with a reason shown on the
/// results; the officer awards the first entry and skips the second; the award is a draft contract.
/// </summary>
public sealed class CompetitionJourneyTests(AppFixture app) : BrowserTest(app)
{
    private const string Deqin = "德钦县社会工作服务中心";
    private const string ShangriLa = "香格里拉市社会服务工作中心";

    [Fact]
    public async Task A_competition_runs_from_setup_to_an_award_that_is_a_draft_contract()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var elderly = "独居老人互助（端到端" + suffix + "）";
        var rehab = "社区康养（端到端" + suffix + "）";

        await SignInAsync(Page, "procurement");
        var path = await SetUpAsync("2026年公益创投大赛（端到端" + suffix + "）");
        await ChoosePanelAsync();
        await Page.Locator("[data-testid=phase-open]").ClickAsync();
        await ConfirmAsync(Page, "大赛不能退回草稿", "开放申报");
        await Expect(Page.Locator("[data-testid=competition-phase]")).ToHaveTextAsync("申报中");

        await EnterAsync("agency", path, elderly, "90000");
        await EnterAsync("agency2", path, rehab, "80000");
        await Page.Locator("[data-testid=phase-judging]").ClickAsync();
        await ConfirmAsync(Page, "不再接受申报", "开始评审");
        await Expect(Page.Locator("[data-testid=competition-phase]")).ToHaveTextAsync("评审中");

        // Each judge declares before seeing anything: judge against Deqin, judge3 against Shangri-La, judge2 none.
        var judge = await DeclareAsync("judge", path, Deqin);
        var judge2 = await DeclareAsync("judge2", path, null);
        var judge3 = await DeclareAsync("judge3", path, ShangriLa);
        await OpenAsync(Page, path);
        await Expect(Page.Locator("[data-testid=declaration-judge3]")).ToContainTextAsync("已声明");
        await OpenTabAsync(Page, "评审分配");
        await Page.Locator("[data-testid=coverage-assign]").ClickAsync();
        var coverage = Page.Locator("[data-testid=coverage-table] tbody tr");
        await Expect(coverage.Filter(new LocatorFilterOptions { HasText = elderly })).ToContainTextAsync(Deqin);
        await Expect(coverage.Filter(new LocatorFilterOptions { HasText = elderly })).ToContainTextAsync("2 / 3");

        // R-19: a conflicted judge is never shown the entry. Totals: elderly 90 and 85, rehab 70 and 75.
        await ScoreAsync(judge, path, [(rehab, "42", "28")], elderly);
        await ScoreAsync(judge2, path, [(elderly, "54", "36"), (rehab, "45", "30")], null);

        // R-28: judge3 has not scored yet and the judging window is open; publishing without a reason is refused, naming both.
        await OpenAsync(Page, path);
        await Page.Locator("[data-testid=phase-publish]").ClickAsync();
        var publish = Page.Locator("[data-testid=publish-dialog]");
        await Expect(publish.Locator("[data-testid=publish-follows]")).ToContainTextAsync("公布不可撤销");
        await Expect(publish.Locator("[data-testid=publish-missing]")).ToContainTextAsync($"评委 评审专家三（演示）（judge3） 尚未提交“{elderly}”的评分表");
        await publish.Locator("[data-testid=dialog-submit]").ClickAsync();
        var refusal = publish.Locator("[data-testid=dialog-error]");
        await Expect(refusal).ToContainTextAsync("评审尚未完成，不能公布结果");
        await Expect(refusal).ToContainTextAsync($"评委 评审专家三（演示）（judge3） 尚未提交“{elderly}”的评分表");
        await Expect(refusal).ToContainTextAsync("评审期到");
        await publish.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "取消", Exact = true }).ClickAsync();
        await Expect(publish).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=competition-phase]")).ToHaveTextAsync("评审中");

        await ScoreAsync(judge3, path, [(elderly, "51", "34")], rehab);

        // Every sheet is in, but the judging window is still open: an early publication, with its reason.
        await OpenAsync(Page, path);
        await Page.Locator("[data-testid=phase-publish]").ClickAsync();
        await Expect(publish.Locator("[data-testid=publish-missing]")).ToContainTextAsync("评审期到");
        await FieldOf(publish, "publish-reason").FillAsync("年度资金须在月底前下达，评审意见已齐");
        await publish.Locator("[data-testid=dialog-submit]").ClickAsync();
        await Expect(publish).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=competition-phase]")).ToHaveTextAsync("结果已公布");
        await OpenTabAsync(Page, "评审结果");
        await Expect(Page.Locator("[data-testid=results-early]")).ToHaveTextAsync("本结果在评审完成前提前公布，理由：年度资金须在月底前下达，评审意见已齐");
        var rows = Page.Locator("[data-testid=results-table] tbody tr");
        await Expect(rows.First.Locator("[data-testid=sheets]")).ToHaveTextAsync("2 / 2");
        await Expect(rows.First).ToContainTextAsync(elderly);
        await Expect(rows.First.Locator("[data-testid=final-score]")).ToHaveTextAsync("87.50");
        await Expect(rows.Nth(1).Locator("[data-testid=final-score]")).ToHaveTextAsync("72.50");

        await rows.First.Locator("[data-testid=award-next]").ClickAsync();
        await ConfirmAsync(Page, $"立项“{elderly}”后，将从奖金池中扣除申请金额 ¥90,000.00 并生成草稿合同", "立项");
        await Expect(rows.First.Locator("[data-testid=award-contract]")).ToBeVisibleAsync();
        await rows.Nth(1).Locator("[data-testid=award-skip]").ClickAsync();
        var reason = Page.Locator("[data-testid=reason-dialog]");
        await FieldOf(reason, "reason-input").FillAsync("资金池余额不足");
        await reason.Locator("[data-testid=dialog-submit]").ClickAsync();
        await Expect(rows.Nth(1)).ToContainTextAsync("未立项");
        await Expect(Page.Locator("[data-testid=results-pool]")).ToContainTextAsync("60,000.00");

        await OpenAsync(Page, "contracts");
        var contract = Page.Locator("[data-testid=contracts-grid] tbody tr").Filter(new LocatorFilterOptions { HasText = elderly });
        await Expect(contract).ToHaveCountAsync(1);
        await Expect(contract).ToContainTextAsync("草稿");
        await Expect(contract).ToContainTextAsync(Deqin);
        await Expect(Page.Locator("[data-testid=contracts-grid]")).Not.ToContainTextAsync(rehab);
    }

    private async Task<string> SetUpAsync(string name)
    {
        await OpenAsync(Page, "competitions/new");
        var form = Page.Locator("body");
        await InputOf(form, "competition-name-input").FillAsync(name);
        await InputOf(form, "competition-theme").FillAsync("一老一小");
        await FillNumberAsync(form, "competition-pool", "150000", "150000.00");
        await FillNumberAsync(form, "competition-cap", "100000", "100000.00");
        await CheckAsync(form.Locator("[data-testid=competition-groups]"), "老年人");
        var now = DateTime.UtcNow.AddHours(8);
        (string TestId, DateTime At)[] windows =
            [("submission-opens", now.AddDays(-1)), ("submission-closes", now.AddDays(10)), ("judging-opens", now.AddDays(11)), ("judging-closes", now.AddDays(30))];
        foreach (var (testId, at) in windows)
        {
            var input = InputOf(form, testId);
            var text = at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
            await input.FillAsync(text);
            await input.PressAsync("Tab");
            await Expect(input).ToHaveValueAsync(text);
        }

        var rubric = Page.Locator("[data-testid=rubric-row]");
        await InputOf(rubric.Nth(0), "criterion-name").FillAsync("需求与设计");
        await InputOf(rubric.Nth(0), "criterion-max").FillAsync("60");
        await Page.Locator("[data-testid=criterion-add]").ClickAsync();
        await InputOf(rubric.Nth(1), "criterion-name").FillAsync("可行性");
        await InputOf(rubric.Nth(1), "criterion-max").FillAsync("40");
        await Expect(Page.Locator("[data-testid=rubric-total]")).ToHaveTextAsync("100 / 100");
        await Page.Locator("[data-testid=competition-save]").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/competitions/\d+$"));
        await Expect(Page.Locator("[data-testid=competition-name]")).ToHaveTextAsync(name);
        await WaitInteractiveAsync(Page);
        return new Uri(Page.Url).AbsolutePath.TrimStart('/');
    }

    private async Task ChoosePanelAsync()
    {
        await Page.Locator("[data-testid=panel-edit]").ClickAsync();
        foreach (var judge in new[] { "judge", "judge2", "judge3" })
        {
            var box = Page.Locator($"input[data-testid=panel-judge-{judge}], [data-testid=panel-judge-{judge}] input");
            await box.CheckAsync();
            await Expect(box).ToBeCheckedAsync();
        }

        await Page.Locator("[data-testid=panel-save]").ClickAsync();
        await Expect(Page.Locator("[data-testid=panel-editor]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=declaration-judge3]")).ToContainTextAsync("尚未声明");
    }

    private async Task EnterAsync(string userName, string path, string title, string amount)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, userName);
        await OpenAsync(page, path);
        await OpenTabAsync(page, "参赛项目");
        await page.Locator("[data-testid=entry-create]").ClickAsync();
        var dialog = page.Locator("[data-testid=entry-dialog]");
        await InputOf(dialog, "entry-title-input").FillAsync(title);
        await CheckAsync(dialog.Locator("[data-testid=entry-groups]"), "老年人");
        await FieldOf(dialog, "entry-problem").FillAsync("高海拔村落独居老人缺少照料");
        await FieldOf(dialog, "entry-plan").FillAsync("入户探访与志愿者结对");
        await FieldOf(dialog, "entry-outcomes").FillAsync("结对服务老人 100 名");
        await FillNumberAsync(dialog, "entry-amount", amount, null);
        await InputOf(dialog, "budget-item").FillAsync("人员与活动");
        await FillNumberAsync(dialog, "budget-amount", amount, null);
        await Expect(dialog.Locator("[data-testid=budget-total]")).ToContainTextAsync(decimal.Parse(amount, CultureInfo.InvariantCulture).ToString("N2", CultureInfo.InvariantCulture));
        await dialog.Locator("[data-testid=dialog-submit]").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        var row = page.Locator("[data-testid=entries-table] tbody tr").Filter(new LocatorFilterOptions { HasText = title });
        await row.Locator("[data-testid=entry-submit]").ClickAsync();
        await ConfirmAsync(page, "不能再修改或撤回", "提交申报");
        await Expect(row).ToContainTextAsync("已提交");
    }

    private async Task<IPage> DeclareAsync(string userName, string path, string? conflictWith)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, userName);
        await OpenAsync(page, path);
        await OpenTabAsync(page, "评审打分");
        var declaration = page.Locator("[data-testid=conflict-declaration]");
        await Expect(declaration).ToContainTextAsync(Deqin);
        await Expect(declaration).ToContainTextAsync(ShangriLa);
        await Expect(page.Locator("[data-testid=judging-entry]")).ToHaveCountAsync(0);
        if (conflictWith is not null)
        {
            await CheckAsync(declaration, conflictWith);
        }

        await page.Locator("[data-testid=declare-submit]").ClickAsync();
        await ConfirmAsync(page, "利益冲突声明只能提交一次", "确定");
        await Expect(page.Locator("[data-testid=declared]")).ToContainTextAsync(conflictWith ?? "无利益冲突");
        return page;
    }

    private static async Task ScoreAsync(IPage page, string path, (string Title, string First, string Second)[] sheets, string? hidden)
    {
        await OpenAsync(page, path);
        await OpenTabAsync(page, "评审打分");
        await Expect(page.Locator("[data-testid=judging-entry]")).ToHaveCountAsync(sheets.Length);
        if (hidden is not null)
        {
            await Expect(page.Locator("[data-testid=judging-entry]", new PageLocatorOptions { HasText = hidden })).ToHaveCountAsync(0);
        }

        foreach (var (title, first, second) in sheets)
        {
            var entry = page.Locator("[data-testid=judging-entry]", new PageLocatorOptions { HasText = title });
            var points = entry.Locator("input[data-testid=points], [data-testid=points] input");
            await points.Nth(0).FillAsync(first);
            await points.Nth(1).FillAsync(second);
            var total = decimal.Parse(first, CultureInfo.InvariantCulture) + decimal.Parse(second, CultureInfo.InvariantCulture);
            await Expect(entry.Locator("[data-testid=sheet-total]")).ToHaveTextAsync(total.ToString(CultureInfo.InvariantCulture));
            await entry.Locator("[data-testid=sheet-submit]").ClickAsync();

            // R-29: the judge confirms, told that the sheet will be locked.
            var confirm = page.Locator(".mud-dialog");
            await Expect(confirm).ToContainTextAsync($"“{title}”的评分表（总分 {total.ToString(CultureInfo.InvariantCulture)}）将被锁定");
            await confirm.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "提交评分", Exact = true }).ClickAsync();
            await Expect(entry.Locator("[data-testid=sheet-status]")).ToHaveTextAsync("已提交（已锁定）");
        }
    }

    /// <summary>R-29: the message box says what follows; the named button confirms it.</summary>
    private static async Task ConfirmAsync(IPage page, string says, string button)
    {
        var confirm = page.Locator(".mud-dialog");
        await Expect(confirm).ToContainTextAsync(says);
        await confirm.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = button, Exact = true }).ClickAsync();
        await Expect(confirm).ToHaveCountAsync(0);
    }

    private static ILocator FieldOf(ILocator scope, string testId) =>
        scope.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    private static async Task CheckAsync(ILocator scope, string label)
    {
        var box = scope.GetByRole(AriaRole.Checkbox, new LocatorGetByRoleOptions { Name = label, Exact = true });
        await box.CheckAsync();
        await Expect(box).ToBeCheckedAsync();
    }

    private static async Task FillNumberAsync(ILocator scope, string testId, string value, string? shown)
    {
        var input = InputOf(scope, testId);
        await input.FillAsync(value);
        await input.PressAsync("Tab");
        if (shown is not null)
        {
            await Expect(input).ToHaveValueAsync(shown);
        }
    }

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
    }

    private static async Task OpenTabAsync(IPage page, string name)
    {
        // A click that lands while the tabs are re-rendered after loading is lost: click again until the tab is selected.
        var tab = page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = name, Exact = true });
        for (var attempt = 0; attempt < 3 && await tab.GetAttributeAsync("aria-selected") != "true"; attempt++)
        {
            await tab.ClickAsync();
            await page.WaitForTimeoutAsync(300);
        }

        await Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
    }
}
