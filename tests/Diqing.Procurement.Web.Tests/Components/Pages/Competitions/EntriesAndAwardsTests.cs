using Bunit;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Competitions.Components;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

/// <summary>The agency's entry dialog and the organiser's award buttons, over a real SQLite database.</summary>
public sealed class EntriesAndAwardsTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;
    private CompetitionScenario _scenario = null!;
    private IRenderedComponent<MudBlazor.MudDialogProvider> _dialogs = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _scenario = new CompetitionScenario(_app);
        Context.Services.AddScoped<UserFeedback>();
    }

    /// <summary>After the services: rendering is the first use of the container, which then refuses new registrations.</summary>
    private void RenderProviders()
    {
        Context.Render<MudBlazor.MudPopoverProvider>();
        _dialogs = Context.Render<MudBlazor.MudDialogProvider>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    private static AngleSharp.Dom.IElement Field<T>(IRenderedComponent<T> scope, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        scope.Find($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea");

    [Fact]
    public async Task An_agency_writes_an_entry_in_the_dialog_with_a_live_budget_total_and_sees_it_listed_with_its_agency()
    {
        await _scenario.OpenWithEntriesAsync();
        var entries = _app.As<EntriesHandler>(Roles.AgencyUser, _scenario.Deqin);
        SignIn(Roles.AgencyUser);
        Context.Services.AddSingleton(entries);
        var competition = await _scenario.CompetitionAsync();
        RenderProviders();
        var tab = Context.Render<EntriesTab>(p => p.Add(c => c.Competition, competition).Add(c => c.CanAgencyEnter, true));
        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("[data-testid=entry-agency]")));
        Assert.Equal("测试社会工作服务中心", tab.Find("[data-testid=entry-agency]").TextContent.Trim());

        tab.Find("[data-testid=entry-create]").Click();
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Find("[data-testid=entry-dialog]")));
        Field(_dialogs, "entry-title-input").Change("高原老人健康守护");
        JudgePanelTests.Check(_dialogs, $"group-{TargetGroup.Elderly}");
        Field(_dialogs, "entry-problem").Change("独居老人慢病管理缺位");
        Field(_dialogs, "entry-plan").Change("每月入户随访");
        Field(_dialogs, "entry-outcomes").Change("随访 80 名老人");
        Field(_dialogs, "entry-amount").Input("60000");
        Field(_dialogs, "budget-item").Change("人员");
        Field(_dialogs, "budget-amount").Input("50000");
        _dialogs.WaitForAssertion(() => Assert.Contains("50,000.00", _dialogs.Find("[data-testid=budget-total]").TextContent));
        _dialogs.Find("[data-testid=budget-add]").Click();
        _dialogs.WaitForAssertion(() => Assert.Equal(2, _dialogs.FindAll("[data-testid=budget-line]").Count));
        _dialogs.FindAll("[data-testid=budget-line]")[1].QuerySelector("[data-testid=budget-item] input, input[data-testid=budget-item]")!.Change("活动");
        _dialogs.FindAll("[data-testid=budget-line]")[1].QuerySelector("[data-testid=budget-amount] input, input[data-testid=budget-amount]")!.Input("10000");
        _dialogs.WaitForAssertion(() => Assert.Contains("60,000.00", _dialogs.Find("[data-testid=budget-total]").TextContent));
        _dialogs.Find("[data-testid=dialog-submit]").Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=entry-dialog]")));
        tab.WaitForAssertion(() => Assert.Equal(2, tab.FindAll("[data-testid=entry-agency]").Count));
        var saved = (await entries.ListAsync(_scenario.CompetitionId)).Single(e => e.Title == "高原老人健康守护");
        Assert.Equal((EntryStatus.Draft, 60_000m, "每月入户随访"), (saved.Status, saved.RequestedAmount, saved.Plan));
        Assert.Equal([TargetGroup.Elderly], saved.TargetGroups);
        Assert.Equal([new BudgetLine("人员", 50_000m), new BudgetLine("活动", 10_000m)], saved.BudgetLines);
    }

    [Fact]
    public async Task The_organiser_awards_the_first_ranked_entry_and_skips_the_next_with_a_reason()
    {
        await _scenario.InJudgingAsync();
        foreach (var judge in _scenario.Judges)
        {
            await _scenario.ScoreAsync(judge, _scenario.EntryA, 0.9m);
            await _scenario.ScoreAsync(judge, _scenario.EntryB, 0.7m);
        }

        await _scenario.Organizer<CompetitionSetupHandler>().PublishResultsAsync(_scenario.CompetitionId);
        SignIn(Roles.ProcurementOfficer);
        var results = _scenario.Organizer<ResultsHandler>();
        Context.Services.AddSingleton(results);
        var competition = await _scenario.CompetitionAsync();
        RenderProviders();
        var tab = Context.Render<ResultsTab>(p => p.Add(c => c.Competition, competition).Add(c => c.CanOrganize, true));
        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("[data-testid=award-next]")));
        Assert.Contains("独居老人互助", tab.FindAll("[data-testid=results-table] tbody tr")[0].TextContent);
        Assert.NotNull(tab.FindAll("[data-testid=results-table] tbody tr")[0].QuerySelector("[data-testid=award-next]"));

        tab.Find("[data-testid=award-next]").Click();
        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("[data-testid=award-contract]")));
        var row = (await results.GetAsync(_scenario.CompetitionId)).Rows.Single(r => r.Result.EntryId == _scenario.EntryA);
        Assert.Equal($"contracts/{row.ContractId}", tab.Find("[data-testid=award-contract]").GetAttribute("href"));
        var contract = (await _app.As<GetContractHandler>(Roles.ProcurementOfficer).HandleAsync(row.ContractId!.Value)).Contract;
        Assert.Equal((ContractStatus.Draft, 90_000m), (contract.Status, contract.Amount));
        Assert.NotNull(tab.FindAll("[data-testid=results-table] tbody tr")[1].QuerySelector("[data-testid=award-skip]"));

        tab.Find("[data-testid=award-skip]").Click();
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Find("[data-testid=reason-dialog]")));
        _dialogs.Find("[data-testid=dialog-submit]").Click();
        _dialogs.WaitForAssertion(() => Assert.Equal(Messages.Get("Contract.ReasonRequired"), _dialogs.Find("[data-testid=dialog-error]").TextContent.Trim()));
        Field(_dialogs, "reason-input").Input("与现有项目重复");
        _dialogs.Find("[data-testid=dialog-submit]").Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=reason-dialog]")));
        tab.WaitForAssertion(() => Assert.Contains("未立项", tab.FindAll("[data-testid=results-table] tbody tr")[1].TextContent));
        Assert.Empty(tab.FindAll("[data-testid=award-next], [data-testid=award-skip]"));
        var skipped = (await results.GetAsync(_scenario.CompetitionId)).Rows.Single(r => r.Result.EntryId == _scenario.EntryB);
        Assert.Equal((AwardDecision.Skipped, (int?)null), (skipped.Award, skipped.ContractId));
    }
}
