using System.Text.RegularExpressions;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>
/// A milestone report's whole journey on a phone-sized screen (390×844): the agency writes it
/// (surviving a reload), the bureau returns it, the agency reworks it, the bureau approves it and
/// finance sees the linked installment become payable (R-16).
/// </summary>
public sealed class ReportTests(AppFixture app) : BrowserTest(app)
{
    private const string Contract = "独居老人康乐屋（演示）";
    private static readonly byte[] Pdf = "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();
    private static readonly byte[] RenamedExe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    [Fact]
    public async Task Agency_writes_the_mid_term_report_bureau_returns_then_approves_it_and_finance_sees_the_installment_payable()
    {
        // The agency opens "my work" and the mid-term report of the elderly recreation-room contract.
        var agency = await PhonePageAsync("agency");
        await OpenAsync(agency, "my-work");
        var card = agency.Locator("[data-testid=work-item]").Filter(new() { HasText = Contract }).Filter(new() { HasText = "中期" });
        await Expect(card.Locator("[data-testid=deadline-overdue]")).ToContainTextAsync("已逾期");
        var contractHref = await card.Locator("[data-testid=work-contract]").GetAttributeAsync("href");
        await card.Locator("[data-testid=work-open]").ClickAsync();
        await Expect(agency).ToHaveURLAsync(new Regex(@"/reports/milestone/\d+$"));
        var reportUrl = agency.Url;
        await WaitInteractiveAsync(agency);
        await Expect(agency.Locator("[data-testid=indicator-target]")).ToHaveTextAsync("目标值：600 人次");

        // Part of it, then a reload: what was typed is still there (autosaved, or restored from the browser's copy).
        await InputOf(agency.Locator("body"), "report-period-from").FillAsync("2026-03-16");
        await InputOf(agency.Locator("body"), "report-period-from").PressAsync("Tab");
        await Narrative(agency).FillAsync("完成独居老人入户探访与需求评估，康乐屋每周开放三次。");
        await InputOf(agency.Locator("body"), "indicator-actual").FillAsync("420");
        // The copy is written after each change's round trip: a loaded machine (CI runs the test projects side by side) may
        // take longer than the default 15 s.
        await agency.WaitForFunctionAsync(
            "() => Object.keys(localStorage).some(k => k.startsWith('diqing.report-draft.') && localStorage.getItem(k).includes('2026-03-16') && localStorage.getItem(k).includes('420'))",
            null, new PageWaitForFunctionOptions { Timeout = 45_000 });
        // The copy is kept under the signed-in user, never under the report alone.
        Assert.Matches(@"^diqing\.report-draft\.[0-9a-f-]{36}\.\d+$",
            await agency.EvaluateAsync<string>("() => Object.keys(localStorage).find(k => k.startsWith('diqing.report-draft.'))"));
        await agency.ReloadAsync();
        await WaitInteractiveAsync(agency);
        await Expect(Narrative(agency)).ToHaveValueAsync("完成独居老人入户探访与需求评估，康乐屋每周开放三次。");
        await Expect(InputOf(agency.Locator("body"), "report-period-from")).ToHaveValueAsync("2026-03-16");
        await Expect(InputOf(agency.Locator("body"), "indicator-actual")).ToHaveValueAsync("420");

        // Attachments: a program renamed .pdf is refused with the reason, the form keeps its values; a real PDF is kept.
        await agency.Locator("input[type=file][data-testid=attachment-input]").SetInputFilesAsync(
            new FilePayload { Name = "安装程序.pdf", MimeType = "application/pdf", Buffer = RenamedExe });
        await Expect(agency.Locator("[data-testid=attachment-refused]")).ToContainTextAsync("只接受 JPEG、PNG");
        await Expect(Narrative(agency)).ToHaveValueAsync("完成独居老人入户探访与需求评估，康乐屋每周开放三次。");
        await agency.Locator("input[type=file][data-testid=attachment-input]").SetInputFilesAsync(
            new FilePayload { Name = "签到表.pdf", MimeType = "application/pdf", Buffer = Pdf });
        var link = agency.Locator("[data-testid=attachment-link]").Filter(new() { HasText = "签到表.pdf" });
        await Expect(link).ToBeVisibleAsync();
        var attachmentHref = await link.GetAttributeAsync("href");
        Assert.Equal(200, (await agency.APIRequest.GetAsync(attachmentHref!)).Status);

        // Complete and submit.
        await InputOf(agency.Locator("body"), "report-period-to").FillAsync("2026-07-15");
        await InputOf(agency.Locator("body"), "report-period-to").PressAsync("Tab");
        await InputOf(agency.Locator("body"), "people-Elderly").FillAsync("86");
        await InputOf(agency.Locator("body"), "spending-Personnel").FillAsync("30000");
        await InputOf(agency.Locator("body"), "spending-Activities").FillAsync("12500.5");
        await InputOf(agency.Locator("body"), "spending-Materials").FillAsync("4800");
        await InputOf(agency.Locator("body"), "spending-Administration").FillAsync("0");
        await Expect(agency.Locator("[data-testid=spending-total]")).ToHaveTextAsync("¥47,300.50");
        await SubmitAsync(agency);
        await Expect(agency.Locator("[data-testid=report-readonly]")).ToContainTextAsync("正在等待审核");

        // Another agency's user gets "not found" for the attachment, over plain HTTP.
        var agency2 = await PhonePageAsync("agency2");
        Assert.Equal(404, (await agency2.APIRequest.GetAsync(attachmentHref!)).Status);

        // The bureau returns it with a general and a field comment.
        var procurement = await PhonePageAsync("procurement");
        await OpenAsync(procurement, "reviews");
        await procurement.Locator("[data-testid=review-row]").Filter(new() { HasText = Contract }).Locator("[data-testid=review-open]").ClickAsync();
        await Expect(procurement).ToHaveURLAsync(new Regex(@"/reviews/\d+$"));
        var reviewUrl = procurement.Url;
        await WaitInteractiveAsync(procurement);
        await Expect(procurement.Locator("[data-testid=view-spending-total]").First).ToHaveTextAsync("¥47,300.50");
        await procurement.Locator("[data-testid=review-return]").ClickAsync();
        var dialog = procurement.Locator(".mud-dialog");
        await dialog.Locator("[data-testid=return-comment-input]").FillAsync("请补充康乐屋活动的参与人数。");
        await InputOf(dialog, "return-field-Narrative").FillAsync("请写明每周活动的内容。");
        await dialog.Locator("[data-testid=dialog-submit]").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(procurement.Locator("[data-testid=report-status]").First).ToHaveTextAsync("已退回");

        // The agency follows the notification, reads the comments beside the fields and resubmits.
        await OpenAsync(agency, "my-work");
        await agency.Locator("[data-testid=notification-bell]").ClickAsync();
        await agency.Locator("[data-testid=notification]").Filter(new() { HasText = "报告已退回" }).Filter(new() { HasText = Contract }).First.ClickAsync();
        await Expect(agency).ToHaveURLAsync(reportUrl);
        await WaitInteractiveAsync(agency);
        await Expect(agency.Locator("[data-testid=return-comment]")).ToContainTextAsync("请补充康乐屋活动的参与人数。");
        await Expect(agency.Locator("[data-testid=field-comment-Narrative]")).ToContainTextAsync("请写明每周活动的内容。");
        await Narrative(agency).FillAsync("完成独居老人入户探访与需求评估；康乐屋每周开放三次，开展健康讲座、手工和观影，平均每次 25 人参加。");
        await SubmitAsync(agency);
        await Expect(agency.Locator("[data-testid=report-readonly]")).ToContainTextAsync("重新提交");

        // The bureau approves; the page says the installment is payable.
        await OpenAsync(procurement, reviewUrl);
        await procurement.Locator("[data-testid=review-approve]").ClickAsync();
        await procurement.Locator(".mud-dialog [data-testid=dialog-submit]").ClickAsync();
        await Expect(procurement.Locator("[data-testid=installment-payable-note]")).ToContainTextAsync("中期款");

        // Finance sees the mid-term installment payable on the contract.
        var finance = await PhonePageAsync("finance");
        await OpenAsync(finance, contractHref!);
        await finance.Locator(".mud-tab").Filter(new() { HasTextRegex = new Regex("^付款$") }).ClickAsync();
        await Expect(finance.Locator("[data-testid=installment-2] [data-testid=installment-status]")).ToHaveTextAsync("可支付");
        await Expect(finance.Locator("[data-testid=installment-2]")).ToContainTextAsync("中期款");
    }

    [Fact]
    public async Task Auditors_read_overdue_milestones_and_agency_users_may_not()
    {
        var auditor = await PhonePageAsync("auditor");
        await OpenAsync(auditor, "overdue");
        await Expect(auditor.Locator("[data-testid=overdue-row]").Filter(new() { HasText = "精神障碍社区康复服务项目（演示）" }).Filter(new() { HasText = "中期" }))
            .ToContainTextAsync("香格里拉市");

        await SignInAsync(Page, "agency");
        await Page.GotoAsync("overdue");
        await Expect(Page.Locator("[data-testid=forbidden]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=overdue-table]")).ToHaveCountAsync(0);
    }

    private async Task<IPage> PhonePageAsync(string user)
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, user);
        return page;
    }

    private static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await WaitInteractiveAsync(page);
    }

    private static ILocator Narrative(IPage page) => page.Locator("textarea[data-testid=report-narrative]");

    private static async Task SubmitAsync(IPage page)
    {
        await page.Locator("[data-testid=report-submit]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "提交报告" }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "报告已提交，等待民政局审核。" })).ToBeVisibleAsync();
    }
}
