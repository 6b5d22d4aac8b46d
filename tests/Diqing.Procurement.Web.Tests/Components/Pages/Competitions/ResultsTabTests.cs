using Bunit;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Competitions.Components;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

/// <summary>The results tab over a real SQLite database: it shows the handler's ranks and flags and decides nothing itself.</summary>
public sealed class ResultsTabTests : CompetitionComponentTest
{

    protected override async Task PrepareAsync(CompetitionScenario scenario)
    {
        await scenario.InJudgingAsync();
    }

    private IRenderedComponent<ResultsTab> Render(Actor actor = Actor.Officer)
    {
        SignIn(Roles.ProcurementOfficer);
        Context.Services.AddSingleton(Scenario.As<GetResultsHandler>(actor));
        Context.Services.AddSingleton(Scenario.As<AwardEntryHandler>(actor));
        Context.Services.AddSingleton(Scenario.As<SkipEntryHandler>(actor));
        RenderProviders();
        return Context.Render<ResultsTab>(p => p.Add(c => c.CompetitionId, Scenario.CompetitionId));
    }

    [Fact]
    public async Task While_judging_the_ranks_and_final_scores_are_the_handlers_rounded_to_two_decimals_with_the_sheets_behind_each()
    {
        // Entry A: totals 90, 80 and 81 → 83.666…; entry B: 70 from one judge only.
        await Scenario.ScoreAsync(Scenario.Judges[0], Scenario.EntryA, 0.9m);
        await Scenario.ScoreAsync(Scenario.Judges[1], Scenario.EntryA, 0.8m);
        await Scenario.ScoreAsync(Scenario.Judges[2], Scenario.EntryA, 0.81m);
        await Scenario.ScoreAsync(Scenario.Judges[0], Scenario.EntryB, 0.7m);
        var tab = Render();

        tab.WaitForAssertion(() => Assert.Equal(2, tab.FindAll("[data-testid=rank]").Count));
        var expected = (await Scenario.Organizer<GetResultsHandler>().HandleAsync(Scenario.CompetitionId)).Rows;
        Assert.Equal(expected.Select(r => r.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture)), tab.FindAll("[data-testid=rank]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["83.67", "70.00"], tab.FindAll("[data-testid=final-score]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["3 / 3", "1 / 3"], tab.FindAll("[data-testid=sheets]").Select(e => e.TextContent.Trim()));
        Assert.Null(tab.FindAll("[data-testid=results-table] tbody tr")[0].QuerySelector("[data-testid=single-judge]"));
        Assert.NotNull(tab.FindAll("[data-testid=results-table] tbody tr")[1].QuerySelector("[data-testid=single-judge]"));
        Assert.Contains("10.00", tab.FindAll("[data-testid=spread]")[0].TextContent);
        Assert.NotNull(tab.Find("[data-testid=results-provisional]"));
        Assert.Empty(tab.FindAll("[data-testid=award-next], [data-testid=award-skip], [data-testid=results-early]")); // no decisions before publication
    }

    [Fact]
    public async Task An_early_publication_shows_its_reason()
    {
        await Scenario.ScoreAsync(Scenario.Judges[0], Scenario.EntryA, 0.9m);
        await Scenario.Organizer<CompetitionTransitions>().PublishAsync(Scenario.CompetitionId, "年度资金须在月底前下达");
        var tab = Render(Actor.Agency);

        tab.WaitForAssertion(() => Assert.Equal("本结果在评审完成前提前公布，理由：年度资金须在月底前下达", tab.Find("[data-testid=results-early]").TextContent.Trim()));
        Assert.Empty(tab.FindAll("[data-testid=results-provisional], [data-testid=award-next], [data-testid=award-skip]"));
    }

    [Fact]
    public async Task The_organiser_awards_the_first_ranked_entry_and_skips_the_next_with_a_reason_as_the_row_flags_offer()
    {
        await Scenario.CompleteJudgingAsync();
        await Scenario.Organizer<CompetitionTransitions>().PublishAsync(Scenario.CompetitionId, null);
        var results = Scenario.Organizer<GetResultsHandler>();
        var tab = Render();
        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("[data-testid=award-next]")));
        var rows = tab.FindAll("[data-testid=results-table] tbody tr");
        Assert.Contains("独居老人互助", rows[0].TextContent);
        Assert.NotNull(rows[0].QuerySelector("[data-testid=award-next]"));
        Assert.Null(rows[1].QuerySelector("[data-testid=award-next], [data-testid=award-skip]"));

        tab.Find("[data-testid=award-next]").Click();
        // the award names the entry, the amount taken from the pool and the contract that follows; a cancel changes nothing.
        Dialogs.WaitForAssertion(() => Assert.Contains("立项“独居老人互助”后，将从奖金池中扣除申请金额 ¥90,000.00 并生成草稿合同，不能撤销。", Dialogs.Markup));
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "取消").Click();
        Dialogs.WaitForAssertion(() => Assert.DoesNotContain("不能撤销", Dialogs.Markup));
        Assert.Null((await results.HandleAsync(Scenario.CompetitionId)).Rows.Single(r => r.EntryId == Scenario.EntryA).ContractId);
        tab.Find("[data-testid=award-next]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("不能撤销", Dialogs.Markup));
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "立项").Click();
        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("[data-testid=award-contract]")));
        var row = (await results.HandleAsync(Scenario.CompetitionId)).Rows.Single(r => r.EntryId == Scenario.EntryA);
        Assert.Equal($"contracts/{row.ContractId}", tab.Find("[data-testid=award-contract]").GetAttribute("href"));
        var contract = (await Scenario.Organizer<GetContractHandler>().HandleAsync(row.ContractId!.Value)).Contract;
        Assert.Equal((ContractStatus.Draft, 90_000m), (contract.Status, contract.Amount));
        Assert.NotNull(tab.FindAll("[data-testid=results-table] tbody tr")[1].QuerySelector("[data-testid=award-skip]"));

        tab.Find("[data-testid=award-skip]").Click();
        Dialogs.WaitForAssertion(() => Assert.NotNull(Dialogs.Find("[data-testid=reason-dialog]")));
        Dialogs.Find("[data-testid=dialog-submit]").Click();
        Dialogs.WaitForAssertion(() => Assert.Equal(Messages.Get("Contract.ReasonRequired"), Dialogs.Find("[data-testid=dialog-error]").TextContent.Trim()));
        Field(Dialogs, "reason-input").Input("与现有项目重复");
        Dialogs.Find("[data-testid=dialog-submit]").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=reason-dialog]")));
        tab.WaitForAssertion(() => Assert.Contains("未立项", tab.FindAll("[data-testid=results-table] tbody tr")[1].TextContent));
        Assert.Empty(tab.FindAll("[data-testid=award-next], [data-testid=award-skip]"));
        var skipped = (await results.HandleAsync(Scenario.CompetitionId)).Rows.Single(r => r.EntryId == Scenario.EntryB);
        Assert.Equal((AwardDecision.Skipped, (int?)null), (skipped.Award, skipped.ContractId));
    }
}
