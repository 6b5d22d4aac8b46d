using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>The demo competition (in judging): two entries, both assigned to the demo judge, one sheet submitted (85 points), one draft.</summary>
public sealed class CompetitionTests(AppFixture app) : BrowserTest(app)
{
    private const string DemoCompetition = "2026年迪庆州公益创投大赛（演示）";

    private async Task OpenDemoCompetitionAsync(IPage page)
    {
        await page.GotoAsync("competitions");
        await WaitInteractiveAsync(page);
        await page.Locator("[data-testid=competition-link]", new PageLocatorOptions { HasText = DemoCompetition }).ClickAsync();
        await Expect(page.Locator("[data-testid=competition-name]")).ToHaveTextAsync(DemoCompetition);
    }

    private static Task OpenTabAsync(IPage page, string text) =>
        page.Locator(".mud-tab", new PageLocatorOptions { HasText = text }).ClickAsync();

    [Fact]
    public async Task The_demo_judge_sees_the_assigned_entries_and_submits_the_draft_sheet()
    {
        await SignInAsync(Page, "judge");
        await OpenDemoCompetitionAsync(Page);
        await OpenTabAsync(Page, "评审打分");

        await Expect(Page.Locator("[data-testid=judging-entry]")).ToHaveCountAsync(2);
        var draft = Page.Locator("[data-testid=judging-entry]", new PageLocatorOptions { HasText = "暖冬" });
        await Expect(draft.Locator("[data-testid=sheet-status]")).ToHaveTextAsync("草稿");
        var points = draft.Locator("input[data-testid=points], [data-testid=points] input");
        await Expect(points).ToHaveCountAsync(6);
        decimal[] scores = [17m, 20m, 16m, 12m, 8m, 8m];
        for (var i = 0; i < scores.Length; i++)
        {
            await points.Nth(i).FillAsync(scores[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Expect(draft.Locator("[data-testid=sheet-total]")).ToHaveTextAsync("81");
        await Expect(draft.Locator("[data-testid=criterion-max]").First).ToHaveTextAsync("20");
        await Expect(draft).ToContainTextAsync("服务需求是否真实、迫切，有调研依据");
        await draft.Locator("[data-testid=sheet-submit]").ClickAsync();

        // submitting asks first, saying the sheet will be locked.
        var confirm = Page.Locator(".mud-dialog");
        await Expect(confirm).ToContainTextAsync("将被锁定");
        await confirm.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "提交评分", Exact = true }).ClickAsync();

        await Expect(draft.Locator("[data-testid=sheet-status]")).ToHaveTextAsync("已提交（已锁定）");
        await Expect(draft.Locator("[data-testid=sheet-submit]")).ToHaveCountAsync(0);
        await Expect(points.First).ToBeDisabledAsync();
        await Expect(Page.Locator(".mud-tab", new PageLocatorOptions { HasText = "评审结果" })).ToHaveCountAsync(0); // no ranking before publication
    }

    [Fact]
    public async Task The_procurement_officer_sees_the_results_while_judging()
    {
        await SignInAsync(Page, "procurement");
        await OpenDemoCompetitionAsync(Page);
        await OpenTabAsync(Page, "评审结果");

        var first = Page.Locator("[data-testid=results-table] tbody tr").First;
        await Expect(first.Locator("[data-testid=rank]")).ToHaveTextAsync("1");
        await Expect(first).ToContainTextAsync("护苗");
        await Expect(first.Locator("[data-testid=final-score]")).ToHaveTextAsync("85.00");
    }

    [Fact]
    public async Task R28_publishing_the_demo_while_judging_is_in_progress_is_refused_naming_what_is_missing()
    {
        await SignInAsync(Page, "procurement");
        await OpenDemoCompetitionAsync(Page);
        await WaitInteractiveAsync(Page);
        await Page.Locator("[data-testid=phase-publish]").ClickAsync();

        var publish = Page.Locator("[data-testid=publish-dialog]");
        await Expect(publish.Locator("[data-testid=publish-missing]")).ToContainTextAsync("评委 评审专家三（演示）（judge3） 尚未申报利益冲突");
        await publish.Locator("[data-testid=dialog-submit]").ClickAsync();
        var refusal = publish.Locator("[data-testid=dialog-error]");
        await Expect(refusal).ToContainTextAsync("评审尚未完成，不能公布结果");
        await Expect(refusal).ToContainTextAsync("评委 评审专家三（演示）（judge3） 尚未申报利益冲突");
        await Expect(refusal).ToContainTextAsync("如确需提前公布，请填写提前公布的理由");
        await publish.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "取消", Exact = true }).ClickAsync();
        await Expect(Page.Locator("[data-testid=competition-phase]")).ToHaveTextAsync("评审中");
    }

    [Fact]
    public async Task An_agency_user_cannot_open_another_agencys_entry()
    {
        await SignInAsync(Page, "agency");
        await OpenDemoCompetitionAsync(Page);
        await OpenTabAsync(Page, "参赛项目");
        var table = Page.Locator("[data-testid=entries-table]");
        await Expect(table).ToContainTextAsync("暖冬");
        await Expect(table).Not.ToContainTextAsync("护苗");

        // Entry 1 is the incubator's 护苗 entry; the user belongs to 德钦县社会工作服务中心.
        await Page.GotoAsync("competitions/entries/1");
        await WaitInteractiveAsync(Page);
        await Expect(Page.Locator("[data-testid=entry-not-found]")).ToBeVisibleAsync();
        await Expect(Page.Locator("body")).Not.ToContainTextAsync("护苗");
    }
}
