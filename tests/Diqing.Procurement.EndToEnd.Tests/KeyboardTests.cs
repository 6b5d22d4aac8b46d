using System.Text.RegularExpressions;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>
/// Keyboard only (issue 17): Tab, Shift+Tab, arrow keys, typing, Enter, Space and Escape, never a click or a filled
/// field. Focus is visible where it lands, a refusal is announced and tied to its field, and a dialog keeps the focus
/// inside until it is closed, then gives it back to the button that opened it. The flows that change the demo (a report
/// submitted, a sheet submitted, a payment recorded) each run on a demo app of their own, so that no other test sees it.
/// </summary>
public sealed class KeyboardTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Sign_in_works_with_the_keyboard_and_a_refusal_is_announced_on_the_fields()
    {
        await Page.GotoAsync("account/login");
        await TabToAsync(Page, Page.Locator("#username"));
        await Page.Keyboard.TypeAsync("judge3");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator("#password")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("not the password");
        await Page.Keyboard.PressAsync("Enter");

        var error = Page.Locator("[data-testid=login-error]");
        await Expect(error).ToHaveAttributeAsync("role", "alert");
        await Expect(error).ToHaveAttributeAsync("id", "login-error");
        foreach (var field in new[] { "#username", "#password" })
        {
            await Expect(Page.Locator(field)).ToHaveAttributeAsync("aria-describedby", "login-error");
        }

        await TabToAsync(Page, Page.Locator("#username"));
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.TypeAsync("judge3");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(DemoPassword);
        await TabToAsync(Page, Page.Locator("[data-testid=login-submit]"));
        await ExpectVisibleFocusAsync(Page);
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page).Not.ToHaveURLAsync(new Regex("/account/login"));
        await WaitInteractiveAsync(Page);
    }

    [Fact]
    public async Task A_dialog_opened_from_the_keyboard_keeps_the_focus_inside_and_gives_it_back_on_escape()
    {
        await SignInAsync(Page, "finance");
        await Page.GotoAsync("funding");
        await WaitInteractiveAsync(Page);

        var opener = Page.Locator("[data-testid=funding-create]");
        await TabToAsync(Page, opener);
        await ExpectVisibleFocusAsync(Page);
        await Page.Keyboard.PressAsync("Enter");

        var dialog = Page.Locator("[role=dialog]");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToHaveAttributeAsync("aria-modal", "true");
        await Expect(dialog).ToHaveAttributeAsync("aria-labelledby", new Regex(".+"));

        // The dialog takes the focus as it opens; forwards and backwards through more stops than it has, the focus
        // stays in it (MudBlazor's trap sends it round through sentinels, so each check waits for it to settle).
        await FocusInsideAsync(Page, "on opening");
        // The trap's sentinels hand the focus on through the circuit (a server round trip), so keys go at a person's pace.
        foreach (var key in Enumerable.Repeat("Tab", 15).Concat(Enumerable.Repeat("Shift+Tab", 15)))
        {
            await Page.Keyboard.PressAsync(key);
            await Page.WaitForTimeoutAsync(250);
            await FocusInsideAsync(Page, "after " + key);
        }

        await Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(opener).ToBeFocusedAsync();
    }

    [Fact]
    public async Task The_app_bar_menus_open_from_the_keyboard_with_names()
    {
        await SignInAsync(Page, "judge3");
        var language = Page.Locator("[data-testid=language-menu] > button");
        await Expect(language).ToHaveAttributeAsync("aria-label", "切换语言");
        await TabToAsync(Page, language);
        await ExpectVisibleFocusAsync(Page);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("[data-testid=lang-en]")).ToBeVisibleAsync();

        // The menu's items follow its button in the tab order; Escape closes it and gives the focus back to the button.
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator("[data-testid=lang-zh]")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Page.Locator("[data-testid=lang-en]")).ToBeHiddenAsync();
        await Expect(language).ToBeFocusedAsync();

        // The bell reads its list when pressed, and closes again on Escape.
        var bell = Page.Locator("[data-testid=notification-bell]");
        await TabToAsync(Page, bell);
        await Expect(bell).ToHaveAttributeAsync("aria-label", new Regex("^通知"));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#notification-popover")).ToBeVisibleAsync();
        await Expect(Page.Locator("#notification-popover [data-testid=notification], #notification-popover [data-testid=notifications-empty]").First).ToBeVisibleAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Page.Locator("#notification-popover")).ToBeHiddenAsync();
        await Expect(bell).ToBeFocusedAsync();

        var user = Page.Locator("[data-testid=user-menu] > button");
        await TabToAsync(Page, user);
        await Page.Keyboard.PressAsync("Enter");
        var security = Page.Locator("[data-testid=account-security]");
        await Expect(security).ToBeVisibleAsync();
        await TabToAsync(Page, security);
        await ExpectVisibleFocusAsync(Page);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex("/account/security$"));
    }

    [Fact]
    public async Task An_agency_submits_a_milestone_report_with_an_attachment_from_the_keyboard_after_a_validation_error()
    {
        // Its own demo: the report submitted here is the one ReportTests writes in the collection's app.
        await using var demo = DemoApp.Start();
        var page = await NewPageAsync(demo.BaseAddress);
        try
        {
            await SignInAsync(page, "agency");
            await page.GotoAsync("my-work");
            await WaitInteractiveAsync(page);
            var card = page.Locator("[data-testid=work-item]").Filter(new() { HasText = "独居老人康乐屋（演示）" }).Filter(new() { HasText = "中期" });
            await TabToAsync(page, card.Locator("[data-testid=work-open]"));
            await ExpectVisibleFocusAsync(page);
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex(@"/reports/milestone/\d+$"));
            await WaitInteractiveAsync(page);

            // A first go with the narrative too short: the refusal is announced and tied to the field it is about.
            // The period fields are the browser's own date fields: typed segment by segment in the browser's order (this
            // browser's locale is en-US: month, day, year), each segment moving on to the next when full.
            await TypeIntoAsync(page, InputOf(page.Locator("body"), "report-period-from"), "03162026");
            var narrative = page.Locator("textarea[data-testid=report-narrative]");
            await TypeIntoAsync(page, narrative, "太短了。");
            await TabToAsync(page, page.Locator("[data-testid=report-submit]"));
            await ExpectVisibleFocusAsync(page);
            await page.Keyboard.PressAsync("Enter");
            var error = page.Locator("[data-testid=report-error]");
            await Expect(error).ToHaveAttributeAsync("role", "alert");
            await Expect(error).ToContainTextAsync("报告尚不完整");
            await ExpectLinkedErrorAsync(narrative, "请填写工作进展说明（至少 20 个字）");
            await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

            // Back to the field with Shift+Tab, then the rest of the report, each field reached with Tab.
            await TabBackToAsync(page, narrative);
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync("完成独居老人入户探访与需求评估，康乐屋每周开放三次，开展健康讲座与手工活动。");
            await Expect(narrative).Not.ToHaveAttributeAsync("aria-invalid", "true");
            await TypeIntoAsync(page, InputOf(page.Locator("body"), "report-period-to"), "07152026");
            await TypeIntoAsync(page, InputOf(page.Locator("body"), "indicator-actual"), "420");
            await TypeIntoAsync(page, InputOf(page.Locator("body"), "people-Elderly"), "86");
            await TypeIntoAsync(page, InputOf(page.Locator("body"), "spending-Personnel"), "30000");
            await TypeIntoAsync(page, InputOf(page.Locator("body"), "spending-Activities"), "12500.5");
            await TypeIntoAsync(page, InputOf(page.Locator("body"), "spending-Materials"), "4800");
            await TypeIntoAsync(page, InputOf(page.Locator("body"), "spending-Administration"), "0");
            await Expect(page.Locator("[data-testid=spending-total]")).ToHaveTextAsync("¥47,300.50");

            // The upload control is a file input reached with Tab (its label draws the focus ring); Space opens the
            // browser's file chooser as it would for a person, and Playwright answers that chooser with the file, since a
            // headless browser has no dialog to pick from.
            var upload = page.Locator("input[type=file][data-testid=attachment-input]");
            await TabToAsync(page, upload);
            await Expect(upload).ToBeFocusedAsync();
            await ExpectVisibleFocusAsync(page, "[data-testid=attachment-upload]");
            var chooser = await OpenFileChooserWithSpaceAsync(page, upload);
            await chooser.SetFilesAsync(new FilePayload { Name = "签到表.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf });
            var link = page.Locator("[data-testid=attachment-link]").Filter(new() { HasText = "签到表.pdf" });
            await Expect(link).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await TabToAsync(page, link);

            // Submit, confirmed in a dialog that takes the focus; its button is reached with Tab and pressed with Enter.
            await TabToAsync(page, page.Locator("[data-testid=report-submit]"));
            await page.Keyboard.PressAsync("Enter");
            await ConfirmWithKeyboardAsync(page, "提交后报告交由民政局审核", "提交报告");
            await ExpectAnnouncedAsync(page, "报告已提交，等待民政局审核。");
            await Expect(page.Locator("[data-testid=report-readonly]")).ToContainTextAsync("正在等待审核");
            await Expect(page.Locator("[data-testid=attachment-link]").Filter(new() { HasText = "签到表.pdf" })).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// Space on the focused file input opens the chooser. On a loaded machine the first key can arrive while the page is
    /// still busy with the previous field's round trip and be lost; a person would press it again, and so does this, but
    /// only while the input still has the focus and is enabled (so a key that opens nothing cannot pass).
    /// </summary>
    private static async Task<IFileChooser> OpenFileChooserWithSpaceAsync(IPage page, ILocator upload)
    {
        var chooser = page.WaitForFileChooserAsync(new() { Timeout = 60_000 });
        await page.Keyboard.PressAsync("Space");
        if (await Task.WhenAny(chooser, Task.Delay(10_000)) != chooser)
        {
            await Expect(upload).ToBeFocusedAsync();
            await Expect(upload).ToBeEnabledAsync();
            await page.Keyboard.PressAsync("Space");
        }

        return await chooser;
    }

    [Fact]
    public async Task A_judge_scores_a_sheet_and_submits_it_from_the_keyboard()
    {
        // Its own demo: the sheet submitted here is the judge's draft that other tests count as still to do.
        await using var demo = DemoApp.Start();
        int competitionId;
        await using (var db = await demo.DbAsync())
        {
            competitionId = await db.Competitions.Select(c => c.Id).SingleAsync();
        }

        var page = await NewPageAsync(demo.BaseAddress);
        try
        {
            await SignInAsync(page, "judge");
            await page.GotoAsync($"competitions/{competitionId}");
            await WaitInteractiveAsync(page);
            await OpenTabWithKeyboardAsync(page, "评审打分");

            var entry = page.Locator("[data-testid=judging-entry]").Filter(new() { HasText = "高海拔村落独居老人“暖冬”行动（演示）" });
            var points = entry.Locator("input[data-testid=points], [data-testid=points] input");
            await Expect(points).ToHaveCountAsync(6);

            // Above the criterion's maximum: the field says so at once, as the server would.
            await TypeIntoAsync(page, points.Nth(0), "30");
            await ExpectLinkedErrorAsync(points.Nth(0), "“需求分析”的得分须在 0 至 20 分之间。");
            await TabBackToAsync(page, points.Nth(0));
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync("18");
            await page.Keyboard.PressAsync("Tab");
            await Expect(points.Nth(0)).Not.ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(entry.Locator("[data-testid=comment] input, input[data-testid=comment]").First).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync("需求调研扎实。");

            string[] rest = ["22", "17", "13", "8", "9"];
            for (var i = 0; i < rest.Length; i++)
            {
                await TypeIntoAsync(page, points.Nth(i + 1), rest[i]);
            }

            await Expect(entry.Locator("[data-testid=sheet-total]")).ToHaveTextAsync("87");
            await TabToAsync(page, entry.Locator("[data-testid=sheet-submit]"));
            await ExpectVisibleFocusAsync(page);
            await page.Keyboard.PressAsync("Enter");
            await ConfirmWithKeyboardAsync(page, "“高海拔村落独居老人“暖冬”行动（演示）”的评分表（总分 87）将被锁定", "提交评分");

            await Expect(entry.Locator("[data-testid=sheet-status]")).ToHaveTextAsync("已提交（已锁定）");
            var info = entry.Locator("[data-testid=sheet-info]");
            await Expect(info).ToHaveAttributeAsync("role", "status");
            await Expect(info).ToHaveTextAsync("评分已提交，不可再修改。");
            await Expect(entry.Locator("[data-testid=sheet-submit]")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Finance_records_a_payment_on_a_payable_installment_from_the_keyboard()
    {
        // Its own demo, made payable as it happens: agency2 submits the rehabilitation project's mid-term report and the
        // bureau approves it (R-16), through the app's own handlers.
        await using var demo = DemoApp.Start();
        var contractId = await MidTermApprovedAsync(demo);

        var page = await NewPageAsync(demo.BaseAddress);
        try
        {
            await SignInAsync(page, "finance");
            await page.GotoAsync($"contracts/{contractId}");
            await WaitInteractiveAsync(page);
            await OpenTabWithKeyboardAsync(page, "付款");
            var installment = page.Locator("[data-testid=installment-2]");
            await Expect(installment.Locator("[data-testid=installment-status]")).ToHaveTextAsync("可支付");

            // The dialog opened with Enter gives the focus back to its button when Escape closes it.
            var opener = installment.Locator("[data-testid=payment-record]");
            await TabToAsync(page, opener);
            await ExpectVisibleFocusAsync(page);
            await page.Keyboard.PressAsync("Enter");
            var dialog = page.Locator("[role=dialog]");
            await Expect(dialog).ToBeVisibleAsync();
            await FocusInsideAsync(page, "on opening");
            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToHaveCountAsync(0);
            await Expect(opener).ToBeFocusedAsync();

            await page.Keyboard.PressAsync("Enter");
            await Expect(dialog).ToBeVisibleAsync();
            await FocusInsideAsync(page, "on opening again");

            // Confirmed with the voucher left empty: refused, announced, and the empty field marked with its own message.
            var voucher = InputOf(dialog, "payment-voucher");
            await TabToAsync(page, dialog.Locator("[data-testid=dialog-submit]"));
            await page.Keyboard.PressAsync("Enter");
            var refusal = dialog.Locator("[data-testid=dialog-error]");
            await Expect(refusal).ToHaveAttributeAsync("role", "alert");
            await Expect(refusal).ToHaveTextAsync("请填写标出的必填项。");
            await ExpectLinkedErrorAsync(voucher, "请填写此项。");
            await TabBackToAsync(page, voucher);

            var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await TypeIntoAsync(page, voucher, "迪民记〔2026〕键盘0001号");
            await Expect(voucher).Not.ToHaveAttributeAsync("aria-invalid", "true");
            await TypeIntoAsync(page, InputOf(dialog, "payment-date"), today);
            await TypeIntoAsync(page, InputOf(dialog, "payment-amount"), "144000");
            await Expect(InputOf(dialog, "payment-amount")).ToHaveAttributeAsync("aria-valuenow", "144000");
            await FocusInsideAsync(page, "after typing");

            // R-29: the dialog says the payment cannot be undone; its confirm button is reached with Tab.
            await Expect(dialog.Locator("[data-testid=payment-consequence]")).ToBeVisibleAsync();
            await TabToAsync(page, dialog.Locator("[data-testid=dialog-submit]"));
            await ExpectVisibleFocusAsync(page);
            await Expect(page.Locator("[data-testid=dialog-submit]")).ToHaveTextAsync("确认登记支付");
            await page.Keyboard.PressAsync("Enter");

            await Expect(dialog).ToHaveCountAsync(0);
            await ExpectAnnouncedAsync(page, "支付已登记。");
            await Expect(installment.Locator("[data-testid=installment-status]")).ToHaveTextAsync("已支付");
            // Split over the contract's two sources in proportion to their allocations (240,000 and 120,000).
            await Expect(page.Locator("[data-testid=payment-row]").Filter(new() { HasText = "迪民记〔2026〕键盘0001号" })).ToHaveCountAsync(2);
            await Expect(page.Locator("[data-testid=payments-total]")).ToHaveTextAsync("¥252,000.00");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>agency2 reports the rehabilitation project's mid-term milestone and the bureau approves it; returns the contract.</summary>
    private static async Task<int> MidTermApprovedAsync(DemoApp demo)
    {
        int contractId, milestoneId, agencyId;
        string agencyUserId, officerId;
        await using (var db = await demo.DbAsync())
        {
            var contract = await db.Contracts.Include(c => c.Milestones).SingleAsync(c => c.Title == "精神障碍社区康复服务项目（演示）");
            (contractId, agencyId, milestoneId) = (contract.Id, contract.AgencyId, contract.Milestones.Single(m => m.Name == "中期").Id);
            agencyUserId = await db.Users.Where(u => u.UserName == "agency2").Select(u => u.Id).SingleAsync();
            officerId = await db.Users.Where(u => u.UserName == "procurement").Select(u => u.Id).SingleAsync();
        }

        var reportId = 0;
        await demo.AsAsync<WriteReportHandler>(TestApp.Principal(Roles.AgencyUser, agencyId, "agency2", agencyUserId), async form =>
        {
            var report = await form.OpenAsync(milestoneId);
            reportId = report.ReportId;
            await form.SubmitAsync(report.ReportId, report.Version, new ReportContent(
                new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30), "开展康复活动 20 场、家属培训 3 期，建立个案档案并定期回访（键盘测试）。",
                [new IndicatorActual("康复活动", 20m), new IndicatorActual("家属培训", 80m)],
                [new PeopleServed(TargetGroup.Disabled, 64)],
                [new Spending(SpendingCategory.Personnel, 40_000m), new Spending(SpendingCategory.Activities, 15_000m),
                 new Spending(SpendingCategory.Materials, 5_000m), new Spending(SpendingCategory.Administration, 2_000m)]));
        });
        await demo.AsAsync<ReviewReportHandler>(TestApp.Principal(Roles.ProcurementOfficer, null, "procurement", officerId),
            review => review.ApproveAsync(reportId, "材料齐全，同意通过。"));
        return contractId;
    }

    /// <summary>Tab to a field, select what it holds and type over it, then leave it with Tab (which commits it).</summary>
    private static async Task TypeIntoAsync(IPage page, ILocator field, string text)
    {
        await TabToAsync(page, field);
        await Expect(field).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
        await page.Keyboard.PressAsync("Tab");
    }

    /// <summary>A field refused with <paramref name="message"/>: marked invalid and described by the element that says why.</summary>
    private static async Task ExpectLinkedErrorAsync(ILocator field, string message)
    {
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(field).ToHaveAttributeAsync("aria-describedby", new Regex(".+"));
        var described = await field.EvaluateAsync<string>(
            "e => e.getAttribute('aria-describedby').split(/\\s+/).map(id => document.getElementById(id)?.textContent ?? '').join(' ')");
        Assert.Contains(message, described);
    }

    /// <summary>A success message in a live region (the snackbar), which a screen reader reads out.</summary>
    private static async Task ExpectAnnouncedAsync(IPage page, string message)
    {
        var announced = page.Locator("[role=alert], [role=status], [aria-live=polite], [aria-live=assertive]").Filter(new() { HasText = message });
        await Expect(announced.First).ToBeVisibleAsync();
    }

    /// <summary>The confirmation box that opened takes the focus and keeps it; Tab reaches its button and Enter presses it.</summary>
    private static async Task ConfirmWithKeyboardAsync(IPage page, string says, string button)
    {
        var dialog = page.Locator("[role=dialog]");
        await Expect(dialog).ToContainTextAsync(says);
        await Expect(dialog).ToHaveAttributeAsync("aria-modal", "true");
        await FocusInsideAsync(page, "on opening");
        var yes = dialog.GetByRole(AriaRole.Button, new() { Name = button, Exact = true });
        await TabToAsync(page, yes, 10);
        await FocusInsideAsync(page, "on its button");
        await ExpectVisibleFocusAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToHaveCountAsync(0);
    }

    /// <summary>Tab to the tab strip (one stop: the selected tab), the arrow keys to the tab, and Enter to show its panel.</summary>
    private static async Task OpenTabWithKeyboardAsync(IPage page, string name)
    {
        var tab = page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true });
        await TabToAsync(page, page.Locator("[role=tab]"));
        for (var i = 0; i < 8 && !await IsFocusedAsync(tab); i++)
        {
            // The tabs move the focus through the circuit: wait for it to land before the next key.
            var before = await page.EvaluateAsync<string>("() => document.activeElement.id");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.WaitForFunctionAsync("before => document.activeElement.id !== before", before);
        }

        await Expect(tab).ToBeFocusedAsync();
        await ExpectVisibleFocusAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
    }

    private static async Task FocusInsideAsync(IPage page, string when)
    {
        try
        {
            await page.WaitForFunctionAsync("() => !!document.querySelector('[role=dialog]')?.contains(document.activeElement)",
                null, new PageWaitForFunctionOptions { Timeout = 3_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The focus is outside the dialog {when}.");
        }
    }

    /// <summary>Presses Tab (or Shift+Tab, going back) until the target (or something inside it) has the focus.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, int maxStops = 60, bool back = false)
    {
        var key = back ? "Shift+Tab" : "Tab";
        for (var i = 0; i < maxStops; i++)
        {
            if (await IsFocusedAsync(target))
            {
                return;
            }

            await page.Keyboard.PressAsync(key);
        }

        Assert.Fail($"{key} did not reach {target} in {maxStops} stops.");
    }

    private static Task TabBackToAsync(IPage page, ILocator target) => TabToAsync(page, target, back: true);

    /// <summary>Whether one of the elements the locator finds (or something inside it) has the focus.</summary>
    private static Task<bool> IsFocusedAsync(ILocator target) =>
        target.EvaluateAllAsync<bool>("es => es.some(e => e === document.activeElement || e.contains(document.activeElement))");

    /// <summary>
    /// The focused element (or the element that draws the focus for it, e.g. the label of a hidden file input) draws an
    /// outline (app.css :focus-visible), not just a faint tint.
    /// </summary>
    private static async Task ExpectVisibleFocusAsync(IPage page, string? drawnBy = null)
    {
        var outline = await page.EvaluateAsync<string>(
            "selector => { const e = selector ? document.querySelector(selector) : document.activeElement; const s = getComputedStyle(e); return s.outlineStyle + ' ' + s.outlineWidth; }",
            drawnBy);
        Assert.Matches(@"^(solid|auto|dashed|dotted|double) [1-9]", outline);
    }
}
