using Bunit;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Reports;
using Diqing.Procurement.Web.Components.Pages.Reports.Components;
using Diqing.Procurement.Web.Components.Shared;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Reports;

/// <summary>The agency's report form over a real SQLite database.</summary>
public sealed class ReportFormTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;
    private ReportScenario _scenario = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _scenario = await new ReportScenario(_app).SignedAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public void Each_indicator_shows_its_target_beside_the_actual_and_spending_is_totalled_as_typed()
    {
        var page = Render();

        var line = page.Find("[data-testid=indicator-line]");
        Assert.NotNull(line.QuerySelector("input[data-testid=indicator-actual]"));
        Assert.Equal("目标值：300 人次", line.QuerySelector("[data-testid=indicator-target]")!.TextContent.Trim());
        Assert.Equal("¥0.00", page.Find("[data-testid=spending-total]").TextContent.Trim());

        page.Find("input[data-testid=spending-Personnel]").Input("8000");
        page.Find("input[data-testid=spending-Materials]").Input("600.5");

        page.WaitForAssertion(() => Assert.Equal("¥8,600.50", page.Find("[data-testid=spending-total]").TextContent.Trim()));
        Assert.Equal(2, page.FindAll("[data-testid=people-line]").Count);
    }

    [Fact]
    public async Task Typing_is_mirrored_in_the_browser_and_the_copy_is_cleared_once_the_server_has_saved_it()
    {
        var module = BrowserCopy();
        var page = Render();

        page.Find("textarea[data-testid=report-narrative]").Input("本期走访独居老人 30 户。");
        page.WaitForAssertion(() => Assert.Contains("30", module.Invocations["save"].Last().Arguments[2]!.ToString()));
        Assert.Equal("有未保存的修改", page.Find("[data-testid=saved-at]").TextContent.Trim());

        page.Find("[data-testid=report-save]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("已保存于", page.Find("[data-testid=saved-at]").TextContent.Trim()));
        module.VerifyInvoke("remove");
        var saved = await _scenario.Form().OpenAsync(_scenario.Contract.MidTermMilestoneId);
        Assert.Equal("本期走访独居老人 30 户。", saved.Content.Narrative);
    }

    [Fact]
    public void A_browser_copy_newer_than_the_server_draft_is_restored_with_a_notice()
    {
        var copy = new LocalReportCopy(DateTime.UtcNow.AddMinutes(1), ReportScenario.Complete("断线前填写的进展说明，尚未保存到服务器。") with { Spending = [] });
        BrowserCopy().Setup<string?>("load", _ => true).SetResult(System.Text.Json.JsonSerializer.Serialize(copy));

        var page = Render();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=draft-restored]")));
        Assert.Equal("断线前填写的进展说明，尚未保存到服务器。", page.Find("textarea[data-testid=report-narrative]").GetAttribute("value"));
        Assert.Equal("有未保存的修改", page.Find("[data-testid=saved-at]").TextContent.Trim());
    }

    [Fact]
    public async Task An_incomplete_report_is_not_submitted_and_says_what_is_missing_beside_each_part()
    {
        var page = Render();

        page.Find("[data-testid=report-submit]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=report-error]")));
        Assert.Contains("请为每项绩效指标填写实际完成值", page.Find("[data-testid=error-Indicators]").TextContent);
        Assert.Contains("四类支出", page.Find("[data-testid=error-Spending]").TextContent);
        Assert.Contains("请填写工作进展说明", page.Markup);
        var view = await _scenario.Form().OpenAsync(_scenario.Contract.MidTermMilestoneId);
        Assert.Equal(Domain.Reports.ReportStatus.Draft, view.Status);
    }

    [Fact]
    public async Task A_returned_report_shows_the_general_comment_on_top_and_each_field_comment_next_to_its_field()
    {
        var submitted = await _scenario.SubmittedAsync();
        await _app.As<ReviewReportHandler>(Roles.ProcurementOfficer, userName: "reviewer").ReturnAsync(submitted.ReportId, "请补充探访对象的具体情况。",
            new Dictionary<string, string> { ["Narrative"] = "请写明探访的乡镇和对象类型。", ["Spending"] = "物资支出请附发票。" });

        var page = Render();

        Assert.Contains("请补充探访对象的具体情况。", page.Find("[data-testid=return-comment]").TextContent);
        var narrativeComment = page.Find("[data-testid=field-comment-Narrative]");
        Assert.Contains("请写明探访的乡镇和对象类型。", narrativeComment.TextContent);
        Assert.NotNull(narrativeComment.ParentElement!.QuerySelector("textarea[data-testid=report-narrative]"));
        Assert.Contains("物资支出请附发票。", page.Find("[data-testid=field-comment-Spending]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=field-comment-Indicators]"));
        Assert.NotNull(page.Find("[data-testid=report-submit]"));
        Assert.Contains("退回修改", page.Find("[data-testid=version-1]").TextContent);
    }

    [Fact]
    public async Task A_submitted_report_is_read_only_for_the_agency()
    {
        await _scenario.SubmittedAsync();

        var page = Render();

        Assert.NotNull(page.Find("[data-testid=report-readonly]"));
        Assert.Empty(page.FindAll("[data-testid=report-submit], [data-testid=report-save], [data-testid=attachment-upload]"));
        Assert.Equal("¥10,100.50", page.Find("[data-testid=view-spending-total]").TextContent.Trim());
    }

    [Fact]
    public async Task Another_agencys_user_gets_not_found()
    {
        var other = await _app.AddAgencyAsync("香格里拉测试中心", "52533401MJD0000025", Domain.Agencies.County.ShangriLa);

        var page = Render(other);

        Assert.NotNull(page.Find("[data-testid=report-not-found]"));
        Assert.Empty(page.FindAll("[data-testid=indicator-line]"));
    }

    private BunitJSModuleInterop BrowserCopy()
    {
        var module = Context.JSInterop.SetupModule("./js/reportDraft.js");
        // Answered, not left pending: a save still pending when the test ends failed it now and then on a loaded machine.
        module.SetupVoid("save", _ => true).SetVoidResult();
        module.SetupVoid("remove", _ => true).SetVoidResult();
        return module;
    }

    private IRenderedComponent<ReportForm> Render(int? agencyId = null)
    {
        var agency = agencyId ?? _scenario.AgencyId;
        SignIn(Roles.AgencyUser);
        Context.Services.AddSingleton(_app.As<WriteReportHandler>(Roles.AgencyUser, agency, "deqin-user"));
        Context.Services.AddSingleton(_app.As<AttachReportFilesHandler>(Roles.AgencyUser, agency, "deqin-user"));
        Context.Services.AddSingleton(_app.Scope().ServiceProvider.GetRequiredService<IValidator<ReportSubmission>>());
        Context.Services.AddSingleton(TimeProvider.System);
        Context.Services.AddScoped<UserFeedback>();
        Context.Render<MudBlazor.MudPopoverProvider>();
        Context.Render<MudBlazor.MudDialogProvider>();
        var page = Context.Render<ReportForm>(p => p.Add(c => c.MilestoneId, _scenario.Contract.MidTermMilestoneId));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")));
        return page;
    }
}
