using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

/// <summary>The states a competition passes through, each prepared once and tried on copies.</summary>
public enum State
{
    /// <summary>Rubric and panel (j1, j2, j3).</summary>
    Draft,

    /// <summary>Open and inside the window: A (Deqin) and B (Shangri-La) submitted, C (Deqin) a draft.</summary>
    Open,

    /// <summary>Open, but the submission window has closed.</summary>
    OpenWindowClosed,

    /// <summary>
    /// Judging, incomplete (R-28): j1 declared none, j2 a conflict with Deqin, j3 nothing; j1 judges A and B, j2 judges B;
    /// j1 submitted A and has a draft for B, j2 submitted B; the judging window is open.
    /// </summary>
    Judging,

    /// <summary>Judging with every judge declared and assigned, every sheet submitted and the window closed.</summary>
    JudgingComplete,

    /// <summary>Published early (from <see cref="Judging"/>) with a reason.</summary>
    Published,

    /// <summary>Published and closed.</summary>
    Closed,
}

/// <summary>
/// Prepares every <see cref="State"/> once (one database, copied at each step) so that a test can try an operation on a
/// fresh copy of any state: the way to show that a view flag is true exactly when its operation succeeds.
/// </summary>
public sealed class CompetitionStates : IAsyncLifetime
{
    public const string EarlyReason = "年度资金须在月底前下达（测试）";

    private readonly Dictionary<State, CompetitionScenario> _snapshots = [];

    public static IReadOnlyList<State> All { get; } = Enum.GetValues<State>();

    public async Task InitializeAsync()
    {
        var s = await CompetitionScenario.CreateAsync();
        await s.DraftAsync();
        _snapshots[State.Draft] = await s.CopyAsync();

        await s.Organizer<CompetitionTransitions>().OpenAsync(s.CompetitionId);
        await s.OpenWithEntriesOnlyAsync();
        _snapshots[State.Open] = await s.CopyAsync();
        var closed = await s.CopyAsync();
        closed.Clock.UtcNow = s.SubmissionClosesAtUtc;
        _snapshots[State.OpenWindowClosed] = closed;

        s.Clock.UtcNow = CompetitionScenario.Start.AddDays(12);
        await s.Organizer<CompetitionTransitions>().StartJudgingAsync(s.CompetitionId);
        await s.DeclareAsync(s.Judges[0]);
        await s.DeclareAsync(s.Judges[1], s.Deqin);
        await s.Organizer<AssignJudgesHandler>().HandleAsync(s.CompetitionId);
        await s.ScoreAsync(s.Judges[0], s.EntryA, 0.9m);
        await s.ScoreAsync(s.Judges[1], s.EntryB, 0.8m);
        var view = await s.ViewAsync();
        await s.AsJudge<SaveScoreSheetHandler>(s.Judges[0]).HandleAsync(new SaveScoreSheetCommand(s.EntryB, [new(view.Criteria[0].Id, 15m, null)]));
        _snapshots[State.Judging] = await s.CopyAsync();

        var published = await s.CopyAsync();
        await published.Organizer<CompetitionTransitions>().PublishAsync(s.CompetitionId, EarlyReason);
        _snapshots[State.Published] = published;
        var closedCompetition = await published.CopyAsync();
        await closedCompetition.Organizer<CompetitionTransitions>().CloseAsync(s.CompetitionId);
        _snapshots[State.Closed] = closedCompetition;

        await s.DeclareAsync(s.Judges[2]);
        await s.Organizer<AssignJudgesHandler>().HandleAsync(s.CompetitionId);
        await s.ScoreAsync(s.Judges[0], s.EntryB, 0.7m);
        await s.ScoreAsync(s.Judges[2], s.EntryA, 0.85m);
        await s.ScoreAsync(s.Judges[2], s.EntryB, 0.75m);
        s.Clock.UtcNow = s.JudgingClosesAtUtc;
        _snapshots[State.JudgingComplete] = s;
    }

    public async Task DisposeAsync()
    {
        foreach (var snapshot in _snapshots.Values)
        {
            await snapshot.App.DisposeAsync();
        }
    }

    /// <summary>A fresh copy of a state to try things on; dispose it after.</summary>
    public Task<CompetitionScenario> TrialAsync(State state) => _snapshots[state].CopyAsync();

    /// <summary>
    /// For every state and actor: reads the flag, tries the operation, and fails unless they agree (flag true ⇔ the
    /// operation succeeds). A refused read of the flag counts as "not offered". Refused operations (and, with
    /// <paramref name="readOnly"/>, all of them) change nothing, so a copy is reused until an operation changes it.
    /// Both outcomes must occur, or the test could not fail.
    /// </summary>
    public async Task AssertFlagAgreesAsync(
        IEnumerable<State> states,
        IEnumerable<Actor> actors,
        Func<CompetitionScenario, Actor, Task<bool>> flag,
        Func<CompetitionScenario, Actor, Task> operation,
        bool readOnly = false)
    {
        var disagreements = new List<string>();
        var outcomes = new HashSet<bool>();
        foreach (var state in states)
        {
            CompetitionScenario? trial = null;
            foreach (var actor in actors)
            {
                trial ??= await TrialAsync(state);
                var offered = await SucceedsAsync(async () =>
                {
                    if (!await flag(trial, actor))
                    {
                        throw new ForbiddenAccessException();
                    }
                });
                var succeeded = await SucceedsAsync(() => operation(trial, actor));
                outcomes.Add(succeeded);
                if (offered != succeeded)
                {
                    disagreements.Add($"{state} as {actor}: flag {offered}, operation {(succeeded ? "succeeded" : "refused")}");
                }

                if (succeeded && !readOnly)
                {
                    await trial.App.DisposeAsync();
                    trial = null;
                }
            }

            if (trial is not null)
            {
                await trial.App.DisposeAsync();
            }
        }

        Assert.Empty(disagreements);
        Assert.Equal(2, outcomes.Count);
    }

    public static async Task<bool> SucceedsAsync(Func<Task> operation)
    {
        try
        {
            await operation();
            return true;
        }
        catch (Exception ex) when (ex is DomainException or ForbiddenAccessException or NotFoundException or FluentValidation.ValidationException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class CompetitionStatesCollection : ICollectionFixture<CompetitionStates>
{
    public const string Name = "competition states";
}
