using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class SaveCompetitionTests(CompetitionStates states)
{
    private static readonly Actor[] Staff = [Actor.Administrator, Actor.Officer, Actor.Finance, Actor.Auditor, Actor.Agency, Actor.Judge];

    [Fact]
    public Task CanEdit_is_true_exactly_when_saving_the_edited_command_succeeds() => states.AssertFlagAgreesAsync(CompetitionStates.All, Staff,
        async (s, a) => (await s.ViewAsync(a)).Actions.CanEdit,
        async (s, a) =>
        {
            var command = await s.Organizer<EditCompetitionHandler>().HandleAsync(s.CompetitionId);
            command.Theme = "一老一小一残一困";
            await s.As<SaveCompetitionHandler>(a).HandleAsync(command);
        });

    [Fact]
    public Task CanCreate_is_true_exactly_when_creating_succeeds() => states.AssertFlagAgreesAsync([State.Draft], Staff,
        async (s, a) => (await s.As<ListCompetitionsHandler>(a).HandleAsync()).CanCreate,
        async (s, a) =>
        {
            var command = await s.Organizer<EditCompetitionHandler>().HandleAsync(s.CompetitionId);
            command.Id = null;
            command.Name = "第二届";
            await s.As<SaveCompetitionHandler>(a).HandleAsync(command);
        });

    [Fact]
    public async Task A_rubric_short_of_100_stores_nothing_of_the_change()
    {
        var s = await states.TrialAsync(State.Draft);
        var command = await s.Organizer<EditCompetitionHandler>().HandleAsync(s.CompetitionId);
        command.Name = "改名";
        command.Criteria[1].MaxPoints = 15m;

        var refused = await Assert.ThrowsAsync<DomainException>(() => s.Organizer<SaveCompetitionHandler>().HandleAsync(command));

        Assert.Equal("Competition.RubricNot100", refused.Code);
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("评分标准各项满分合计须为 100 分（当前 90 分）。", Messages.Get(refused.Code, [.. refused.Arguments]));
        }

        var stored = await s.ViewAsync();
        Assert.Equal(("2026年公益创投大赛（测试）", 100m), (stored.Name, stored.Criteria.Sum(c => c.MaxPoints)));
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task The_rubric_is_frozen_once_entries_exist_but_other_details_still_change()
    {
        var s = await states.TrialAsync(State.Open);
        var command = await s.Organizer<EditCompetitionHandler>().HandleAsync(s.CompetitionId);
        command.Theme = "新主题";
        await s.Organizer<SaveCompetitionHandler>().HandleAsync(command);
        command.Criteria[0].MaxPoints = 25m;
        command.Criteria[1].MaxPoints = 20m;
        Assert.Equal("Competition.RubricFrozen", (await Assert.ThrowsAsync<DomainException>(() => s.Organizer<SaveCompetitionHandler>().HandleAsync(command))).Code);
        Assert.Equal("新主题", (await s.ViewAsync()).Theme);
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task Missing_windows_are_refused_in_a_written_sentence()
    {
        var s = await states.TrialAsync(State.Draft);
        var command = await s.Organizer<EditCompetitionHandler>().HandleAsync(null);
        command.Name = "无时间的大赛";
        using (new CultureScope("en-US"))
        {
            var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => s.Organizer<SaveCompetitionHandler>().HandleAsync(command));
            Assert.Equal(["Enter the start and the end of both the submission and the judging window."], refused.Errors.Select(e => e.ErrorMessage).Distinct());
        }

        await s.App.DisposeAsync();
    }
}
