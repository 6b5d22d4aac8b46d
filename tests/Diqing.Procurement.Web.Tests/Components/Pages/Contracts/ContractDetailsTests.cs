using Bunit;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Contracts;
using Diqing.Procurement.Web.Components.Shared;
using Diqing.Procurement.Web.Localization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Contracts;

/// <summary>The contract page over a real SQLite database: the figures are the money model's, the buttons follow status and role.</summary>
public sealed class ContractDetailsTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;
    private ContractScenario _scenario = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _scenario = new ContractScenario(_app);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_signed_contract_with_a_paid_first_installment_shows_the_funding_handlers_figures()
    {
        // ¥450,000.50 from two sources; the 30 % first installment (¥135,000.15) is split between them.
        var lottery = await _scenario.SourceAsync(1_000_000m, Domain.Funding.FundingKind.WelfareLottery, "福彩公益金（测试）");
        var fiscal = await _scenario.SourceAsync(200_000m, Domain.Funding.FundingKind.Fiscal, "州级财政（测试）");
        var contractId = await _scenario.DraftAsync(await _app.AddAgencyAsync(), 450_000.50m, [Domain.Common.TargetGroup.Elderly]);
        await _scenario.PlanAsync(contractId);
        var funding = _app.As<AllocateContractFundingHandler>(Roles.FinanceOfficer);
        await funding.AllocateAsync(contractId, lottery, 300_000m);
        await funding.AllocateAsync(contractId, fiscal, 150_000.50m);
        await _app.As<ContractTransitions>(Roles.ProcurementOfficer).SignAsync(contractId, new DateOnly(2026, 1, 5));
        var first = (await _app.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(contractId)).Installments.Single(i => i.Sequence == 1);
        await _app.As<RecordPaymentHandler>(Roles.FinanceOfficer).HandleAsync(new RecordPaymentCommand(contractId, first.Id, "记-001", new DateOnly(2026, 2, 1), first.Amount));
        var sources = (await _app.As<ListFundingSourcesHandler>(Roles.FinanceOfficer).HandleAsync(new ListFundingSourcesQuery())).Sources;

        var page = Render(Roles.FinanceOfficer, contractId);

        Assert.Equal("¥135,000.15", Text(page, "contract-paid"));
        Assert.Equal("¥315,000.35", Text(page, "contract-unpaid"));
        Assert.Equal("¥450,000.50", Text(page, "contract-allocated"));
        OpenTab(page, "资金安排");
        foreach (var source in sources)
        {
            var row = page.Find($"[data-testid=allocation-{source.Id}]");
            Assert.Equal(Display.Money(source.Allocated), row.QuerySelector("[data-testid=allocation-amount]")!.TextContent.Trim());
            Assert.Equal(Display.Money(source.Disbursed), row.QuerySelector("[data-testid=allocation-disbursed]")!.TextContent.Trim());
        }

        Assert.Equal(135_000.15m, sources.Sum(s => s.Disbursed));
        OpenTab(page, "付款");
        Assert.Equal("¥135,000.15", Text(page, "payments-total"));
        Assert.Equal(2, page.FindAll("[data-testid=payment-row]").Count);
        Assert.Contains("已支付", page.Find("[data-testid=installment-1]").TextContent);
        Assert.Contains("未到期", page.Find("[data-testid=installment-2]").TextContent);
    }

    [Theory]
    [InlineData(false, Roles.ProcurementOfficer, "lifecycle-sign")]
    [InlineData(false, Roles.Administrator, "lifecycle-sign")]
    [InlineData(false, Roles.Auditor, "")]
    [InlineData(false, Roles.FinanceOfficer, "")]
    [InlineData(true, Roles.ProcurementOfficer, "lifecycle-start,lifecycle-suspend,lifecycle-terminate")]
    [InlineData(true, Roles.Auditor, "")]
    public async Task The_lifecycle_buttons_depend_on_status_and_role(bool signed, string role, string expected)
    {
        var agencyId = await _app.AddAgencyAsync();
        var contractId = signed ? (await _scenario.SignedAsync(agencyId, 100_000m)).ContractId : await _scenario.DraftAsync(agencyId, 100_000m);

        var page = Render(role, contractId);

        var shown = page.FindAll("[data-testid^=lifecycle-]").Select(b => b.GetAttribute("data-testid")).ToList();
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), shown);
        var editable = !signed && role is Roles.ProcurementOfficer or Roles.Administrator;
        Assert.Equal(editable, page.FindAll("[data-testid=contract-edit]").Count == 1);
    }

    [Fact]
    public async Task Another_agencys_user_sees_not_found_and_nothing_of_the_contract()
    {
        var own = await _app.AddAgencyAsync();
        var other = await _app.AddAgencyAsync("香格里拉测试中心", "52533401MJD0000025", Domain.Agencies.County.ShangriLa);
        var contractId = await _scenario.DraftAsync(own, 100_000m);

        var page = Render(Roles.AgencyUser, contractId, other);

        Assert.NotNull(page.Find("[data-testid=contract-not-found]"));
        Assert.DoesNotContain("困难群众骨病救助服务项目", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=contract-title]"));
    }

    [Fact]
    public async Task The_agencys_own_user_reads_the_contract_without_actions_or_history()
    {
        var agencyId = await _app.AddAgencyAsync();
        var contractId = (await _scenario.SignedAsync(agencyId, 100_000m)).ContractId;

        var page = Render(Roles.AgencyUser, contractId, agencyId);

        Assert.Equal("困难群众骨病救助服务项目（测试）", page.Find("[data-testid=contract-title]").TextContent);
        Assert.Empty(page.FindAll("[data-testid^=lifecycle-], [data-testid=contract-edit]"));
        Assert.DoesNotContain(page.FindAll(".mud-tab"), t => t.TextContent.Contains("变更记录"));
        OpenTab(page, "付款");
        Assert.Empty(page.FindAll("[data-testid=payment-record], [data-testid=installment-waive]"));
    }

    [Fact]
    public async Task The_officer_uploads_documents_in_the_attachments_tab_and_the_agency_only_downloads_them()
    {
        var contractId = (await _scenario.SignedAsync(await _app.AddAgencyAsync(), 100_000m)).ContractId;
        var page = Render(Roles.ProcurementOfficer, contractId);
        OpenTab(page, "附件");

        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary("%PDF-1.7\n1 0 obj\n"u8.ToArray(), "合同文本.pdf", contentType: "application/pdf"),
            InputFileContent.CreateFromBinary([0x4D, 0x5A, 0x90, 0x00], "程序.pdf", contentType: "application/pdf"));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=attachment-link]")));
        var link = page.Find("[data-testid=attachment-link]");
        Assert.Equal("合同文本.pdf", link.TextContent.Trim());
        Assert.StartsWith("attachments/", link.GetAttribute("href"));
        Assert.Contains("程序.pdf", page.Find("[data-testid=attachment-refused]").TextContent);
        Assert.Single(page.FindAll("[data-testid=attachment-delete]"));
    }

    [Fact]
    public async Task Picking_more_files_than_may_be_kept_is_refused_with_the_reason_and_nothing_is_uploaded()
    {
        var contractId = (await _scenario.SignedAsync(await _app.AddAgencyAsync(), 100_000m)).ContractId;
        var page = Render(Roles.ProcurementOfficer, contractId);
        OpenTab(page, "附件");

        page.FindComponent<InputFile>().UploadFiles(Enumerable.Range(1, 21)
            .Select(i => InputFileContent.CreateFromBinary("%PDF-1.7\n1 0 obj\n"u8.ToArray(), $"扫描件{i}.pdf", contentType: "application/pdf")).ToArray());

        page.WaitForAssertion(() => Assert.Contains("最多 20 个附件", page.Find("[data-testid=attachment-refused]").TextContent));
        Assert.Contains("所选 21 个文件", page.Find("[data-testid=attachment-refused]").TextContent);
        Assert.Empty(await _app.As<AttachContractDocumentsHandler>(Roles.Auditor).ListAsync(contractId));
    }

    [Fact]
    public async Task The_agency_sees_its_contracts_documents_without_upload_or_delete()
    {
        var agencyId = await _app.AddAgencyAsync();
        var contractId = (await _scenario.SignedAsync(agencyId, 100_000m)).ContractId;
        await _app.As<AttachContractDocumentsHandler>(Roles.ProcurementOfficer, null, "officer")
            .UploadAsync(contractId, "合同文本.pdf", new MemoryStream("%PDF-1.7\n1 0 obj\n"u8.ToArray()));

        var page = Render(Roles.AgencyUser, contractId, agencyId);
        OpenTab(page, "附件");

        page.WaitForAssertion(() => Assert.Equal("合同文本.pdf", page.Find("[data-testid=attachment-link]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=attachment-upload], [data-testid=attachment-delete]"));
    }

    [Fact]
    public async Task The_milestones_tab_links_the_bureau_to_a_submitted_report()
    {
        var reports = await new Reports.ReportScenario(_app).SignedAsync();
        var submitted = await reports.SubmittedAsync();

        var page = Render(Roles.FinanceOfficer, reports.Contract.ContractId);
        OpenTab(page, "里程碑与付款计划");

        var link = Assert.Single(page.FindAll("[data-testid=milestone-review]"));
        Assert.Equal($"reviews/{submitted.ReportId}", link.GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=milestone-report]"));
    }

    private IRenderedComponent<ContractDetails> Render(string role, int contractId, int? agencyId = null)
    {
        SignIn(role);
        Context.Services.AddSingleton(_app.As<GetContractHandler>(role, agencyId));
        Context.Services.AddSingleton(_app.As<ContractTransitions>(role, agencyId));
        Context.Services.AddSingleton(_app.As<ChangeContractPlanHandler>(role, agencyId));
        Context.Services.AddSingleton(_app.As<AllocateContractFundingHandler>(role, agencyId));
        Context.Services.AddSingleton(_app.As<RecordPaymentHandler>(role, agencyId));
        Context.Services.AddSingleton(_app.As<AttachContractDocumentsHandler>(role, agencyId, role + "-user"));
        Context.Services.AddScoped<UserFeedback>();
        Context.Render<MudBlazor.MudPopoverProvider>();
        var page = Context.Render<ContractDetails>(p => p.Add(c => c.Id, contractId));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")));
        return page;
    }

    private static string Text(IRenderedComponent<ContractDetails> page, string testId) =>
        page.Find($"[data-testid={testId}]").TextContent.Trim();

    private static void OpenTab(IRenderedComponent<ContractDetails> page, string name) =>
        page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == name).Click();
}
