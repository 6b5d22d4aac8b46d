using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class CompetitionTransitionsTests(CompetitionStates states)
{
    private static readonly Actor[] Staff = [Actor.Administrator, Actor.Officer, Actor.Finance, Actor.Auditor, Actor.Agency, Actor.Judge];

    private static async Task<CompetitionActions> ActionsAsync(CompetitionScenario s, Actor actor) => (await s.ViewAsync(actor)).Actions;

    [Fact]
    public Task CanOpen_is_true_exactly_when_opening_succeeds() => states.AssertFlagAgreesAsync(CompetitionStates.All, Staff,
        async (s, a) => (await ActionsAsync(s, a)).CanOpen, (s, a) => s.As<CompetitionTransitions>(a).OpenAsync(s.CompetitionId));

    [Fact]
    public Task CanStartJudging_is_true_exactly_when_starting_succeeds() => states.AssertFlagAgreesAsync(CompetitionStates.All, Staff,
        async (s, a) => (await ActionsAsync(s, a)).CanStartJudging, (s, a) => s.As<CompetitionTransitions>(a).StartJudgingAsync(s.CompetitionId));

    [Fact]
    public Task CanPublish_is_true_exactly_when_publishing_with_a_reason_succeeds() => states.AssertFlagAgreesAsync(CompetitionStates.All, Staff,
        async (s, a) => (await ActionsAsync(s, a)).CanPublish, (s, a) => s.As<CompetitionTransitions>(a).PublishAsync(s.CompetitionId, "测试"));

    [Fact]
    public Task R28_a_publication_that_needs_no_reason_is_offered_exactly_when_publishing_without_one_succeeds() =>
        states.AssertFlagAgreesAsync(CompetitionStates.All, [Actor.Administrator, Actor.Officer],
            async (s, a) => (await s.ViewAsync(a)).Publication is { NeedsReason: false },
            (s, a) => s.As<CompetitionTransitions>(a).PublishAsync(s.CompetitionId, null));

    [Fact]
    public Task CanClose_is_true_exactly_when_closing_succeeds() => states.AssertFlagAgreesAsync(CompetitionStates.All, Staff,
        async (s, a) => (await ActionsAsync(s, a)).CanClose, (s, a) => s.As<CompetitionTransitions>(a).CloseAsync(s.CompetitionId));

    [Fact]
    public async Task R28_publishing_incomplete_judging_is_refused_naming_each_missing_judge_sheet_and_the_open_window()
    {
        var s = await states.TrialAsync(State.Judging);
        var refused = await Assert.ThrowsAsync<DomainException>(() => s.Organizer<CompetitionTransitions>().PublishAsync(s.CompetitionId, " "));
        Assert.Equal("Competition.JudgingIncomplete", refused.Code);
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("评审尚未完成，不能公布结果：评委 j3 尚未申报利益冲突；评委 j1 尚未提交“老年康养”的评分表；评审期到 2026-10-31 09:00 才结束。如确需提前公布，请填写提前公布的理由。",
                Messages.Get(refused.Code, [.. refused.Arguments]));
        }

        var check = (await s.ViewAsync()).Publication!;
        Assert.True(check.NeedsReason);
        Assert.Equal(3, check.Missing.Count);
        Assert.Equal(CompetitionPhase.Judging, (await s.ViewAsync()).Phase);
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task R28_an_entry_nobody_judges_is_named_too()
    {
        var s = await CompetitionScenario.CreateAsync();
        await s.OpenWithEntriesAsync();
        await s.Organizer<CompetitionTransitions>().StartJudgingAsync(s.CompetitionId);
        using (new CultureScope("en-US"))
        {
            Assert.Contains("no judge is assigned to “独居老人互助”", (await s.ViewAsync()).Publication!.Missing);
        }

        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task R28_an_early_publication_keeps_its_reason_in_the_results_and_the_audit_log()
    {
        var s = await states.TrialAsync(State.Judging);
        await s.Organizer<CompetitionTransitions>().PublishAsync(s.CompetitionId, "  年度资金须在月底前下达 ");

        var results = await s.As<GetResultsHandler>(Actor.Agency).HandleAsync(s.CompetitionId);
        Assert.Equal("年度资金须在月底前下达", results.EarlyPublicationReason);
        Assert.Equal(s.Clock.UtcNow, results.PublishedAtUtc);
        await using var db = await s.App.DbAsync();
        var audit = await db.AuditEntries.Where(e => e.EntityType == nameof(Competition) && e.UserName == "officer").Select(e => e.Changes).ToListAsync();
        Assert.Contains(audit, c => c.Contains("年度资金须在月底前下达") && c.Contains(nameof(CompetitionPhase.ResultsPublished)));
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task R28_complete_judging_is_published_without_a_reason_and_shows_none()
    {
        var s = await states.TrialAsync(State.JudgingComplete);
        Assert.Empty((await s.ViewAsync()).Publication!.Missing);
        await s.Organizer<CompetitionTransitions>().PublishAsync(s.CompetitionId, null);
        Assert.Null((await s.As<GetResultsHandler>(Actor.Judge).HandleAsync(s.CompetitionId)).EarlyPublicationReason);
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task Judging_cannot_start_without_a_panel()
    {
        var s = await states.TrialAsync(State.Draft);
        await s.Organizer<ChooseJudgePanelHandler>().HandleAsync(new ChooseJudgePanelCommand(s.CompetitionId, []));
        await s.Organizer<CompetitionTransitions>().OpenAsync(s.CompetitionId);
        Assert.Equal("Competition.NoJudges", (await Assert.ThrowsAsync<DomainException>(() => s.Organizer<CompetitionTransitions>().StartJudgingAsync(s.CompetitionId))).Code);
        await s.App.DisposeAsync();
    }
}
