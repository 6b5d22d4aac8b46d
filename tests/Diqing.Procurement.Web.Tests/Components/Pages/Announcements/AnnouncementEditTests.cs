using Bunit;
using Diqing.Procurement.Application.Features.Announcements;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Announcements;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Announcements;

/// <summary>
/// The welfare-lottery announcement page over a real SQLite database, seen from February 2027: the 2026 draft previewed
/// with the ledger's figures, its text saved with a message, published after the R-29 confirmation, then frozen.
/// The year: a ¥400,000 welfare-lottery source of 2026 funding a signed ¥300,000 contract whose first 30 % is paid.
/// </summary>
public sealed class AnnouncementEditTests : MudTestContext, IAsyncLifetime
{
    private static readonly DateTime Now = ChinaTime.ToUtc(new DateTime(2027, 2, 1, 10, 0, 0));

    private readonly TestClock _clock = new(Now);
    private TestApp _app = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _app = await TestApp.CreateAsync(s => s.AddSingleton<TimeProvider>(_clock));
        var scenario = new ContractScenario(_app);
        var source = await scenario.SourceAsync(400_000m, FundingKind.WelfareLottery, "2026年州本级福彩公益金（测试）");
        var contractId = await scenario.DraftAsync(await _app.AddAgencyAsync(), 300_000m);
        await scenario.PlanAsync(contractId);
        await _app.As<AllocateContractFundingHandler>(Roles.FinanceOfficer).AllocateAsync(contractId, source, 300_000m);
        await _app.As<ContractTransitions>(Roles.ProcurementOfficer).SignAsync(contractId, new DateOnly(2026, 1, 5));
        var first = (await _app.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(contractId)).Installments.Single(i => i.Sequence == 1);
        await _app.As<RecordPaymentHandler>(Roles.FinanceOfficer).HandleAsync(new RecordPaymentCommand(contractId, first.Id, "记-2026-0101", new DateOnly(2026, 3, 1), first.Amount));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    private (IRenderedComponent<AnnouncementEdit> Page, IRenderedComponent<MudBlazor.MudDialogProvider> Dialogs, IRenderedComponent<MudBlazor.MudSnackbarProvider> Messages) Render(string role)
    {
        SignIn(role);
        Context.Services.AddSingleton<TimeProvider>(_clock);
        Context.Services.AddSingleton(_app.As<GetAnnouncementHandler>(role));
        Context.Services.AddSingleton(_app.As<SaveAnnouncementDraftHandler>(role));
        Context.Services.AddSingleton(_app.As<PublishAnnouncementHandler>(role));
        Context.Services.AddScoped<UserFeedback>();
        Context.Render<MudBlazor.MudPopoverProvider>();
        var dialogs = Context.Render<MudBlazor.MudDialogProvider>();
        var messages = Context.Render<MudBlazor.MudSnackbarProvider>();
        var page = Context.Render<AnnouncementEdit>(p => p.Add(x => x.Year, 2026));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=announcement]")));
        return (page, dialogs, messages);
    }

    [Fact]
    public void The_draft_is_previewed_with_the_ledgers_figures_and_cannot_be_published_without_text()
    {
        var (page, _, _) = Render(Roles.ProcurementOfficer);

        Assert.NotNull(page.Find("[data-testid=announcement-draft-mark]"));
        Assert.Equal("2026年度福彩公益金使用情况公告", page.Find("[data-testid=announcement-title]").TextContent.Trim());
        Assert.Equal("¥400,000.00", page.Find("[data-testid=announcement-received-total]").TextContent.Trim());
        Assert.Single(page.FindAll("[data-testid=announcement-project]"));
        Assert.Equal("¥300,000.00", page.Find("[data-testid=announcement-allocated-total]").TextContent.Trim());
        Assert.Equal("¥90,000.00", page.Find("[data-testid=announcement-paid-total]").TextContent.Trim());
        Assert.Equal("¥310,000.00", page.Find("[data-testid=announcement-carried-forward-total]").TextContent.Trim());
        Assert.NotNull(page.Find("textarea"));
        Assert.Empty(page.FindAll("[data-testid=announcement-publish]")); // no text saved yet
        Assert.Empty(page.FindAll("[data-testid=announcement-frozen]"));
        Assert.NotNull(page.Find("[data-testid=export-WelfareLotteryAnnouncementDocument]"));
        Assert.NotNull(page.Find("[data-testid=export-WelfareLotteryAnnouncement]"));
    }

    [Fact]
    public async Task Saving_the_text_says_so_and_publishing_asks_first_then_freezes_the_page()
    {
        var (page, dialogs, messages) = Render(Roles.ProcurementOfficer);

        page.Find("textarea").Change("2026 年度，我局使用福彩公益金购买社会工作服务（测试）。");
        page.Find("[data-testid=announcement-save]").Click();
        messages.WaitForAssertion(() => Assert.Contains("公告草稿已保存。", messages.Markup));
        page.WaitForAssertion(() => Assert.Contains("2026 年度，我局使用福彩公益金购买社会工作服务（测试）。", page.Find("[data-testid=announcement]").TextContent));

        // the confirmation says what follows; nothing is published before it is confirmed.
        page.Find("[data-testid=announcement-publish]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("冻结", dialogs.Find("[data-testid=publish-announcement-follows]").TextContent));
        Assert.False((await _app.As<GetAnnouncementHandler>(Roles.Auditor).HandleAsync(2026)).IsPublished);
        dialogs.Find("[data-testid=dialog-submit]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=announcement-frozen]")));
        Assert.Empty(page.FindAll("textarea"));
        Assert.Empty(page.FindAll("[data-testid=announcement-publish]"));
        Assert.Empty(page.FindAll("[data-testid=announcement-draft-mark]"));
        Assert.NotNull(page.Find("[data-testid=announcement-published-at]"));
        Assert.Equal("public/welfare-lottery/2026", page.Find("[data-testid=announcement-public-link]").GetAttribute("href"));
        Assert.True((await _app.As<GetAnnouncementHandler>(Roles.Auditor).HandleAsync(2026)).IsPublished);
    }

    [Fact]
    public void The_auditor_reads_the_draft_but_neither_edits_nor_publishes_it()
    {
        var (page, _, _) = Render(Roles.Auditor);

        Assert.NotNull(page.Find("[data-testid=announcement-draft-mark]"));
        Assert.Empty(page.FindAll("textarea"));
        Assert.Empty(page.FindAll("[data-testid=announcement-save]"));
        Assert.Empty(page.FindAll("[data-testid=announcement-publish]"));
        Assert.Equal("¥90,000.00", page.Find("[data-testid=announcement-paid-total]").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=export-WelfareLotteryAnnouncementDocument]"));
    }
}
