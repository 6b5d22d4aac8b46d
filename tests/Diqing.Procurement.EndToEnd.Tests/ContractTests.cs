using System.Globalization;
using System.Text.RegularExpressions;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>
/// A contract's whole way through the pages: drafted, funded, planned and signed by procurement,
/// paid by finance, seen in the funding balances, hidden from another agency, read-only for its own.
/// </summary>
public sealed class ContractTests(AppFixture app) : BrowserTest(app)
{
    private const string DemoFund = "2026年州级财政社会工作服务专项资金";

    [Fact]
    public async Task A_contract_is_drafted_funded_signed_and_paid_and_only_its_agency_sees_it()
    {
        var title = "德钦县困难老人关爱服务项目（端到端" + Guid.NewGuid().ToString("N")[..6] + "）";
        await SignInAsync(Page, "procurement");
        var (availableBefore, disbursedBefore) = await FundBalancesAsync(Page);

        var contractPath = await DraftAsync(title);
        await FundAsync();
        await PlanAsync();
        await Page.Locator("[data-testid=lifecycle-sign]").ClickAsync();
        await Page.Locator("[data-testid=sign-dialog] [data-testid=dialog-submit]").ClickAsync();
        await Expect(Page.Locator("[data-testid=contract-status]")).ToHaveTextAsync("已签订");
        await Expect(Page.Locator("[data-testid=lifecycle-sign]")).ToHaveCountAsync(0);

        // The officer files the signed contract in the attachments tab.
        var scan = "%PDF-1.4\n1 0 obj\n<< >>\nendobj\n"u8.ToArray();
        await OpenTabAsync(Page, "附件");
        await UploadAsync(Page, new FilePayload { Name = "合同文本（盖章）.pdf", MimeType = "application/pdf", Buffer = scan });
        await Expect(Page.Locator("[data-testid=attachment-link]")).ToHaveTextAsync("合同文本（盖章）.pdf");
        var scanHref = new Uri(new Uri(Page.Url), "/" + await Page.Locator("[data-testid=attachment-link]").GetAttributeAsync("href")).ToString();

        // Finance pays the first installment (30 %): the amount proposed is what is outstanding.
        var finance = await NewPageAsync();
        await SignInAsync(finance, "finance");
        await OpenAsync(finance, contractPath);
        await OpenTabAsync(finance, "付款");
        await finance.Locator("[data-testid=installment-1] [data-testid=payment-record]").ClickAsync();
        var dialog = finance.Locator("[data-testid=payment-dialog]");
        await Expect(InputOf(dialog, "payment-amount")).ToHaveValueAsync("30000.00");
        await InputOf(dialog, "payment-voucher").FillAsync("记-2026-E2E");
        await dialog.Locator("[data-testid=dialog-submit]").ClickAsync();
        await Expect(finance.Locator(".mud-snackbar").Filter(new() { HasText = "支付已登记。" })).ToBeVisibleAsync();
        await Expect(finance.Locator("[data-testid=installment-1] [data-testid=installment-status]")).ToHaveTextAsync("已支付");
        await Expect(finance.Locator("[data-testid=payments-total]")).ToHaveTextAsync("¥30,000.00");
        await OpenTabAsync(finance, "概况");
        await Expect(finance.Locator("[data-testid=contract-paid]")).ToHaveTextAsync("¥30,000.00");
        await Expect(finance.Locator("[data-testid=contract-unpaid]")).ToHaveTextAsync("¥70,000.00");

        var (availableAfter, disbursedAfter) = await FundBalancesAsync(finance);
        Assert.Equal(availableBefore - 100_000m, availableAfter);
        Assert.Equal(disbursedBefore + 30_000m, disbursedAfter);

        // Another agency's user typing the address learns nothing; the agency's own user reads it without actions.
        var other = await NewPageAsync();
        await SignInAsync(other, "agency2");
        await OpenAsync(other, contractPath);
        await Expect(other.Locator("[data-testid=contract-not-found]")).ToBeVisibleAsync();
        await Expect(other.Locator("body")).Not.ToContainTextAsync(title);
        await Expect(other.Locator("[data-testid=contract-number]")).ToHaveCountAsync(0);
        Assert.Equal(404, (await other.APIRequest.GetAsync(scanHref)).Status);

        var own = await NewPageAsync();
        await SignInAsync(own, "agency");
        await OpenAsync(own, contractPath);
        await Expect(own.Locator("[data-testid=contract-title]")).ToHaveTextAsync(title);
        await Expect(own.Locator("[data-testid=contract-paid]")).ToHaveTextAsync("¥30,000.00");
        await Expect(own.Locator("[data-testid^=lifecycle-]")).ToHaveCountAsync(0);
        await Expect(own.Locator("[data-testid=contract-edit]")).ToHaveCountAsync(0);
        var download = await own.APIRequest.GetAsync(scanHref);
        Assert.Equal(200, download.Status);
        Assert.Equal(scan, await download.BodyAsync());
    }

    [Fact]
    public async Task The_agency_filter_offers_the_agencies_typed_and_lists_only_the_contracts_of_the_one_chosen()
    {
        await SignInAsync(Page, "procurement");
        await Page.GotoAsync("/contracts");
        await WaitInteractiveAsync(Page);
        var agency = Page.GetByTestId("contract-agency-filter");

        await agency.PressSequentiallyAsync("香格里拉", new() { Delay = 50 });
        await Expect(Page.Locator("#contract-agency-options option[value='香格里拉市社会服务工作中心']")).ToHaveCountAsync(1);

        // What the browser puts in the field when the suggestion is picked.
        await agency.FillAsync("香格里拉市社会服务工作中心");
        var agencyCells = Page.Locator("[data-testid=contracts-grid] td[data-label='承接机构']");
        await Expect(agencyCells.First).ToHaveTextAsync("香格里拉市社会服务工作中心");
        await Expect(agencyCells.Filter(new() { HasNotText = "香格里拉市社会服务工作中心" })).ToHaveCountAsync(0);

        await agency.FillAsync("没有这个机构");
        await agency.PressAsync("Tab");
        await Expect(Page.GetByTestId("contract-agency-help")).ToHaveTextAsync("没有这个名称的承接机构，请从列表中选择。");
        await Expect(agencyCells.Filter(new() { HasText = "德钦县社会工作服务中心" }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task R26_R27_finance_is_refused_a_payment_dated_tomorrow_and_one_with_a_used_voucher_and_nothing_is_recorded()
    {
        // The signed demo contract whose first installment is payable and unpaid.
        await SignInAsync(Page, "finance");
        await OpenAsync(Page, "contracts");
        var listed = Page.Locator("[data-testid=contracts-grid] tbody tr").Filter(new LocatorFilterOptions { HasText = "独居老人康乐屋（演示）" });
        await listed.Locator("[data-testid=contract-link]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/contracts/\d+$"));
        await WaitInteractiveAsync(Page);
        await OpenTabAsync(Page, "付款");
        await Expect(Page.Locator("[data-testid=payment-row]")).ToHaveCountAsync(0);
        await Page.Locator("[data-testid=installment-1] [data-testid=payment-record]").ClickAsync();
        var dialog = Page.Locator("[data-testid=payment-dialog]");
        await Expect(dialog.Locator("[data-testid=payment-consequence]")).ToContainTextAsync("不能修改或删除");

        // The dialog proposes the server's China date; the day after it is refused with the server's message (R-26).
        var date = InputOf(dialog, "payment-date");
        var today = DateOnly.ParseExact(await date.InputValueAsync(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var tomorrow = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await InputOf(dialog, "payment-voucher").FillAsync("迪民记〔2026〕演示0099号");
        await date.FillAsync(tomorrow);
        await date.PressAsync("Tab");
        await dialog.Locator("[data-testid=dialog-submit]").ClickAsync();
        await Expect(dialog.Locator("[data-testid=dialog-error]")).ToHaveTextAsync($"付款日期不能晚于今天（{today:yyyy-MM-dd}）。");

        // Today, but with the voucher of a demo payment typed in full-width digits: the same number (R-27).
        await date.FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await date.PressAsync("Tab");
        await InputOf(dialog, "payment-voucher").FillAsync("迪民记〔２０２６〕演示００１２号");
        await dialog.Locator("[data-testid=dialog-submit]").ClickAsync();
        await Expect(dialog.Locator("[data-testid=dialog-error]")).ToContainTextAsync("已用于另一笔支付；一个凭证号只能登记一次（全角与半角视为相同）。");

        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "取消", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=installment-1] [data-testid=installment-status]")).ToHaveTextAsync("可支付");
        await Expect(Page.Locator("[data-testid=payment-row]")).ToHaveCountAsync(0);
    }

    private async Task<string> DraftAsync(string title)
    {
        await Page.GotoAsync("contracts");
        await WaitInteractiveAsync(Page);
        await Page.Locator("[data-testid=contract-create]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/contracts/new$"));
        await WaitInteractiveAsync(Page);
        var form = Page.Locator("body");
        await InputOf(form, "contract-title").FillAsync(title);
        await ChooseAsync(Page, form, "contract-agency", "德钦县社会工作服务中心");
        await ChooseAsync(Page, form, "contract-county", "德钦县");
        await InputOf(form, "contract-townships").FillAsync("升平镇");
        await ChooseAsync(Page, form, "contract-method", "竞争性磋商");
        await ChooseAsync(Page, form, "contract-category", "综合社会工作服务");
        var elderly = form.Locator("[data-testid=contract-target-groups]").GetByRole(AriaRole.Checkbox, new LocatorGetByRoleOptions { Name = "老年人", Exact = true });
        await elderly.CheckAsync();
        await Expect(elderly).ToBeCheckedAsync();
        await InputOf(form, "contract-amount").FillAsync("100000");
        await InputOf(form, "contract-amount").PressAsync("Tab");
        await Expect(InputOf(form, "contract-amount")).ToHaveValueAsync("100000.00");
        await FillDateAsync(form, "contract-start", "2026-01-01");
        await FillDateAsync(form, "contract-end", "2026-12-31");
        await Page.Locator("[data-testid=indicator-add]").ClickAsync();
        await InputOf(form, "indicator-name").FillAsync("入户探访");
        await InputOf(form, "indicator-unit").FillAsync("人次");
        await InputOf(form, "indicator-target").FillAsync("300");
        await Page.Locator("[data-testid=contract-save]").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/contracts/\d+$"));
        await Expect(Page.Locator("[data-testid=contract-title]")).ToHaveTextAsync(title);
        await Expect(Page.Locator("[data-testid=contract-status]")).ToHaveTextAsync("草稿");
        return new Uri(Page.Url).AbsolutePath.TrimStart('/');
    }

    private async Task FundAsync()
    {
        await OpenTabAsync(Page, "资金安排");
        await Page.Locator("[data-testid=allocation-add]").ClickAsync();
        var dialog = Page.Locator("[data-testid=allocation-dialog]");
        await InputOf(dialog, "allocation-source").ClickAsync();
        await Page.GetByRole(AriaRole.Option).Filter(new LocatorFilterOptions { HasText = DemoFund }).ClickAsync();
        await Expect(InputOf(dialog, "allocation-amount")).ToHaveValueAsync("100000.00");
        await dialog.Locator("[data-testid=dialog-submit]").ClickAsync();
        await Expect(Page.Locator("[data-testid=allocated-total]")).ToHaveTextAsync("¥100,000.00");
        await Expect(Page.Locator("[data-testid=funding-mismatch]")).ToHaveCountAsync(0);
    }

    private async Task PlanAsync()
    {
        await OpenTabAsync(Page, "里程碑与付款计划");
        await AddMilestoneAsync("中期评估", "2026-06-30");
        await AddMilestoneAsync("结项评估", "2026-12-15");

        await Page.Locator("[data-testid=schedule-edit]").ClickAsync();
        (string Label, string Percent, string? Milestone)[] lines = [("首付款", "30", null), ("中期款", "40", "中期评估"), ("尾款", "30", "结项评估")];
        for (var i = 0; i < lines.Length; i++)
        {
            var (label, percent, milestone) = lines[i];
            await Page.Locator("[data-testid=schedule-add]").ClickAsync();
            await Expect(Page.Locator("[data-testid=schedule-line]")).ToHaveCountAsync(i + 1);
            var line = Page.Locator("[data-testid=schedule-line]").Nth(i);
            await InputOf(line, "schedule-label").FillAsync(label);
            await InputOf(line, "schedule-value").FillAsync(percent);
            if (milestone is not null)
            {
                await ChangeAsync(line, "schedule-condition", "里程碑报告审核通过后");
                await ChooseAsync(Page, line, "schedule-milestone", milestone);
            }
        }

        await Page.Locator("[data-testid=schedule-save]").ClickAsync();
        await Expect(Page.Locator("[data-testid=schedule-editor]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=scheduled-total]")).ToHaveTextAsync("¥100,000.00");
        await Expect(Page.Locator("[data-testid=installment-2]")).ToContainTextAsync("“中期评估”报告审核通过后");
        await Expect(Page.Locator("[data-testid=installment-3]")).ToContainTextAsync("¥30,000.00");
    }

    private async Task AddMilestoneAsync(string name, string due)
    {
        await Page.Locator("[data-testid=milestone-add]").ClickAsync();
        var dialog = Page.Locator("[data-testid=milestone-dialog]");
        await InputOf(dialog, "milestone-name").FillAsync(name);
        await FillDateAsync(dialog, "milestone-due", due);
        await dialog.Locator("[data-testid=dialog-submit]").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=milestones]")).ToContainTextAsync(name);
    }

    /// <summary>Picks another option in a MudSelect that already shows a value (its test id is then on the shown text, not on an input).</summary>
    private async Task ChangeAsync(ILocator scope, string testId, string optionText)
    {
        await scope.Locator($"[data-testid={testId}]").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = optionText, Exact = true }).ClickAsync();
        await Expect(scope.Locator($"[data-testid={testId}]")).ToHaveTextAsync(optionText);
    }

    /// <summary>The demo fund's available and disbursed figures on /funding.</summary>
    private static async Task<(decimal Available, decimal Disbursed)> FundBalancesAsync(IPage page)
    {
        await page.GotoAsync("funding");
        await WaitInteractiveAsync(page);
        var row = page.Locator("[data-testid=funding-table] tbody tr").Filter(new LocatorFilterOptions { HasText = DemoFund });
        return (Money(await row.Locator("[data-testid=available]").TextContentAsync()), Money(await row.Locator("[data-testid=disbursed]").TextContentAsync()));
    }

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
    }

    private static async Task OpenTabAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = name, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = name, Exact = true })).ToHaveAttributeAsync("aria-selected", "true");
    }

    /// <summary>Types a date into an editable MudDatePicker and leaves the field, which commits it.</summary>
    private static async Task FillDateAsync(ILocator scope, string testId, string date)
    {
        var input = InputOf(scope, testId);
        await input.FillAsync(date);
        await input.PressAsync("Tab");
        await Expect(input).ToHaveValueAsync(date);
    }

    private static decimal Money(string? text) =>
        decimal.Parse((text ?? string.Empty).Trim().TrimStart('¥').Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
