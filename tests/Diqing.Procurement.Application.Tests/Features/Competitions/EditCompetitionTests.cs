using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class EditCompetitionTests(CompetitionStates states)
{
    [Fact]
    public async Task The_edit_query_returns_the_command_with_the_windows_in_China_time_and_the_rubric_in_order()
    {
        var s = await states.TrialAsync(State.Draft);
        var command = await s.Organizer<EditCompetitionHandler>().HandleAsync(s.CompetitionId);

        Assert.Equal((s.CompetitionId, "2026年公益创投大赛（测试）", 300_000m), (command.Id, command.Name, command.BudgetPool));
        Assert.Equal(new DateTime(2026, 10, 11, 9, 0, 0), command.SubmissionCloses);
        Assert.Equal(["需求", "设计", "可行性", "预算", "可持续", "能力"], command.Criteria.Select(c => c.Name));
        Assert.Equal("需求是否真实迫切", command.Criteria[0].Description);
        Assert.True(command.RubricAddsUp);
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task A_new_competition_starts_in_this_China_year_and_others_than_organisers_get_nothing()
    {
        var s = await states.TrialAsync(State.Draft);
        Assert.Equal(2026, (await s.Organizer<EditCompetitionHandler>().HandleAsync(null)).Year);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.As<EditCompetitionHandler>(Actor.Finance).HandleAsync(s.CompetitionId));
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task A_competition_being_judged_is_no_longer_edited()
    {
        var s = await states.TrialAsync(State.Judging);
        Assert.Equal("Competition.WrongPhase", (await Assert.ThrowsAsync<DomainException>(() => s.Organizer<EditCompetitionHandler>().HandleAsync(s.CompetitionId))).Code);
        await s.App.DisposeAsync();
    }
}
