using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Features.Dashboard;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Dashboard;

public sealed class GetJudgeDashboardTests : IAsyncLifetime
{
    private CompetitionScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _scenario = await CompetitionScenario.CreateAsync();
        await _scenario.OpenWithEntriesAsync();
        await _scenario.Organizer<CompetitionTransitions>().StartJudgingAsync(_scenario.CompetitionId);
        _scenario.Clock.UtcNow = CompetitionScenario.Start.AddDays(12);
    }

    public async Task DisposeAsync() => await _scenario.App.DisposeAsync();

    private Task<DashboardView> ViewAsync(int judge) => _scenario.AsJudge<GetDashboardHandler>(_scenario.Judges[judge]).HandleAsync(new GetDashboardQuery());

    [Fact]
    public async Task A_judge_sees_the_declaration_then_the_sheets_to_do_and_the_judging_deadline()
    {
        var before = (await ViewAsync(0)).Judge!;
        Assert.Equal(1, before.DeclarationsPending);
        Assert.Equal(0, before.SheetsToDo);
        Assert.Equal(_scenario.JudgingClosesAtUtc, before.NextDeadlineUtc);

        foreach (var judge in _scenario.Judges)
        {
            await _scenario.DeclareAsync(judge);
        }

        await _scenario.Organizer<AssignJudgesHandler>().HandleAsync(_scenario.CompetitionId);
        await _scenario.ScoreAsync(_scenario.Judges[0], _scenario.EntryA, 0.8m);

        var view = await ViewAsync(0);
        Assert.Null(view.Bureau);
        Assert.Null(view.Agency);
        var after = Assert.Single(view.Judge!.Competitions);
        Assert.False(after.DeclarationPending);
        Assert.Equal(1, after.SheetsToDo); // entry B's
        Assert.Equal(2, (await ViewAsync(1)).Judge!.SheetsToDo);
        var outsider = await _scenario.AsJudge<GetDashboardHandler>(_scenario.Outsider).HandleAsync(new GetDashboardQuery());
        Assert.Empty(outsider.Judge!.Competitions);
    }
}
