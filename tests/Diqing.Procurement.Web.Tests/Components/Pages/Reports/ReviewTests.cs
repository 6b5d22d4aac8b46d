using Bunit;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Reports;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Reports;

/// <summary>The bureau's side: the queue of submitted reports and the review page, over a real SQLite database.</summary>
public sealed class ReviewTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;
    private ReportScenario _scenario = null!;
    private IRenderedComponent<MudBlazor.MudDialogProvider> _dialogs = null!;

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
    public async Task The_review_queue_lists_a_submitted_report_with_a_link_to_its_review()
    {
        var submitted = await _scenario.SubmittedAsync();
        Use(Roles.ProcurementOfficer);

        var page = Context.Render<ReviewQueue>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=review-row]")));
        var row = page.Find("[data-testid=review-row]").TextContent;
        Assert.Contains(submitted.ContractNumber, row);
        Assert.Contains("测试社会工作服务中心", row);
        Assert.Contains("中期", row);
        Assert.Contains("第 1 版", row);
        Assert.Equal("0", page.Find("[data-testid=days-waiting]").TextContent.Trim());
        Assert.Equal($"reviews/{submitted.ReportId}", page.Find("[data-testid=review-open]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_queue_is_empty_when_nothing_waits()
    {
        Use(Roles.ProcurementOfficer);
        await _scenario.Form().OpenAsync(_scenario.Contract.MidTermMilestoneId); // a draft is not for review

        var page = Context.Render<ReviewQueue>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=review-queue-empty]")));
    }

    [Fact]
    public async Task Approving_says_the_linked_installment_is_now_payable()
    {
        var submitted = await _scenario.SubmittedAsync();
        var page = RenderReview(Roles.ProcurementOfficer, submitted.ReportId);
        page.WaitForAssertion(() => Assert.Contains("中期款", page.Find("[data-testid=linked-installment]").TextContent));
        Assert.Contains("未到期", page.Find("[data-testid=linked-installment]").TextContent);
        Assert.Contains("300 人次", page.Find("[data-testid=view-indicators]").TextContent);
        Assert.Contains("中期报告、服务台账", page.Find("[data-testid=deliverables]").TextContent);

        page.Find("[data-testid=review-approve]").Click();
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Find("[data-testid=dialog-submit]")));
        _dialogs.Find("[data-testid=dialog-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("中期款", page.Find("[data-testid=installment-payable-note]").TextContent));
        Assert.Contains("可支付", page.Find("[data-testid=linked-installment]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=review-approve]"));
        var contract = await _app.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(_scenario.Contract.ContractId);
        Assert.Equal(Domain.Contracts.InstallmentStatus.Payable, contract.Installments.Single(i => i.Sequence == 2).Status);
    }

    [Fact]
    public async Task Returning_without_a_comment_keeps_the_dialog_open_with_the_servers_message()
    {
        var submitted = await _scenario.SubmittedAsync();
        var page = RenderReview(Roles.ProcurementOfficer, submitted.ReportId);

        page.Find("[data-testid=review-return]").Click();
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Find("[data-testid=dialog-submit]")));
        _dialogs.Find("[data-testid=dialog-submit]").Click();

        _dialogs.WaitForAssertion(() => Assert.Contains("退回须填写审核意见", _dialogs.Find("[data-testid=dialog-error]").TextContent));
    }

    [Fact]
    public async Task An_auditor_reads_the_report_without_review_buttons()
    {
        var submitted = await _scenario.SubmittedAsync();

        var page = RenderReview(Roles.Auditor, submitted.ReportId);

        Assert.Contains("本期完成入户探访", page.Find("[data-testid=view-narrative]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=review-approve], [data-testid=review-return]"));
    }

    private void Use(string role)
    {
        SignIn(role);
        Context.Services.AddSingleton(_app.As<ReviewReportHandler>(role, userName: "reviewer"));
        Context.Services.AddSingleton(_app.As<AttachReportFilesHandler>(role));
        Context.Services.AddSingleton(_app.As<ListContractsHandler>(role));
        Context.Services.AddSingleton(_app.As<GetContractHandler>(role));
        Context.Services.AddScoped<UserFeedback>();
        Context.Render<MudBlazor.MudPopoverProvider>();
    }

    private IRenderedComponent<ReviewReport> RenderReview(string role, int reportId)
    {
        Use(role);
        _dialogs = Context.Render<MudBlazor.MudDialogProvider>();
        var page = Context.Render<ReviewReport>(p => p.Add(c => c.ReportId, reportId));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=report-content]")));
        return page;
    }
}
