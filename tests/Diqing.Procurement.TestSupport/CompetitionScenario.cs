using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.TestSupport;

/// <summary>Who acts in a competition scenario.</summary>
public enum Actor
{
    Administrator,
    Officer,
    Finance,
    Auditor,

    /// <summary>An agency user of the Deqin centre (entries A and C).</summary>
    Agency,

    /// <summary>An agency user of the Shangri-La centre (entry B).</summary>
    OtherAgency,

    /// <summary>Judge j1: on the panel, no conflict.</summary>
    Judge,

    /// <summary>Judge j2: on the panel, in conflict with the Deqin centre.</summary>
    ConflictedJudge,

    /// <summary>Judge j3: on the panel, slow to declare.</summary>
    LateJudge,

    /// <summary>Judge j9: not on the panel.</summary>
    OutsideJudge,
}

/// <summary>
/// A competition driven through the application handlers, phase by phase, on a test clock (windows relative to
/// <see cref="Start"/>: entries from Start − 1 day to Start + 10 days, judging from Start + 11 to Start + 30 days).
/// </summary>
public sealed class CompetitionScenario
{
    /// <summary>2026-10-01 09:00 China time.</summary>
    public static readonly DateTime Start = ChinaTime.ToUtc(new DateTime(2026, 10, 1, 9, 0, 0));

    public static readonly IReadOnlyList<Actor> Everyone = Enum.GetValues<Actor>();

    private CompetitionScenario(TestApp app, TestClock clock)
    {
        App = app;
        Clock = clock;
    }

    public TestApp App { get; }

    public TestClock Clock { get; }

    public int CompetitionId { get; private set; }

    public int Deqin { get; private set; }

    public int ShangriLa { get; private set; }

    /// <summary>Deqin's entry, submitted.</summary>
    public int EntryA { get; private set; }

    /// <summary>Shangri-La's entry, submitted.</summary>
    public int EntryB { get; private set; }

    /// <summary>Deqin's second entry, left a draft (only in <see cref="OpenWithEntriesOnlyAsync"/>).</summary>
    public int EntryC { get; private set; }

    public ApplicationUser[] Judges { get; private set; } = [];

    public ApplicationUser Outsider { get; private set; } = null!;

    public DateTime SubmissionClosesAtUtc => Start.AddDays(10);

    public DateTime JudgingClosesAtUtc => Start.AddDays(30);

    public static async Task<CompetitionScenario> CreateAsync()
    {
        var clock = new TestClock(Start);
        return new CompetitionScenario(await TestApp.CreateAsync(s => s.AddSingleton<TimeProvider>(clock)), clock);
    }

    /// <summary>The same scenario on a copy of its data, with its own clock at the same time: try anything there.</summary>
    public async Task<CompetitionScenario> CopyAsync()
    {
        var clock = new TestClock(Clock.UtcNow);
        var copy = new CompetitionScenario(await App.CopyAsync(s => s.AddSingleton<TimeProvider>(clock)), clock);
        copy.CompetitionId = CompetitionId;
        (copy.Deqin, copy.ShangriLa, copy.EntryA, copy.EntryB, copy.EntryC) = (Deqin, ShangriLa, EntryA, EntryB, EntryC);
        (copy.Judges, copy.Outsider) = (Judges, Outsider);
        return copy;
    }

    public T As<T>(Actor actor) where T : notnull => App.Scope(Principal(actor)).ServiceProvider.GetRequiredService<T>();

    public T Organizer<T>() where T : notnull => As<T>(Actor.Officer);

    public T AsJudge<T>(ApplicationUser judge) where T : notnull =>
        App.Scope(TestApp.Principal(Roles.Judge, null, judge.UserName!, judge.Id)).ServiceProvider.GetRequiredService<T>();

    public System.Security.Claims.ClaimsPrincipal Principal(Actor actor) => actor switch
    {
        Actor.Administrator => TestApp.Principal(Roles.Administrator, userName: "admin"),
        Actor.Officer => TestApp.Principal(Roles.ProcurementOfficer, userName: "officer"),
        Actor.Finance => TestApp.Principal(Roles.FinanceOfficer, userName: "finance"),
        Actor.Auditor => TestApp.Principal(Roles.Auditor, userName: "auditor"),
        Actor.Agency => TestApp.Principal(Roles.AgencyUser, Deqin, "agency"),
        Actor.OtherAgency => TestApp.Principal(Roles.AgencyUser, ShangriLa, "agency2"),
        Actor.Judge => JudgePrincipal(Judges[0]),
        Actor.ConflictedJudge => JudgePrincipal(Judges[1]),
        Actor.LateJudge => JudgePrincipal(Judges[2]),
        _ => JudgePrincipal(Outsider),
    };

    public Task<CompetitionView> ViewAsync(Actor actor = Actor.Officer) => As<GetCompetitionHandler>(actor).HandleAsync(CompetitionId);

    /// <summary>Draft: the rubric (with descriptions) and a panel of three judges.</summary>
    public async Task DraftAsync()
    {
        Deqin = await App.AddAgencyAsync();
        ShangriLa = await App.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025");
        Judges = [await App.AddUserAsync("j1", Roles.Judge), await App.AddUserAsync("j2", Roles.Judge), await App.AddUserAsync("j3", Roles.Judge)];
        Outsider = await App.AddUserAsync("j9", Roles.Judge);

        var now = ChinaTime.FromUtc(Start);
        var command = new SaveCompetitionCommand
        {
            Name = "2026年公益创投大赛（测试）", Year = 2026, Theme = "一老一小", BudgetPool = 300_000m, CapPerEntry = 100_000m,
            EligibleGroups = [TargetGroup.Elderly], SubmissionOpens = now.AddDays(-1), SubmissionCloses = now.AddDays(10),
            JudgingOpens = now.AddDays(11), JudgingCloses = now.AddDays(30),
            Criteria =
            [
                new() { Name = "需求", Description = "需求是否真实迫切", MaxPoints = 20m }, new() { Name = "设计", MaxPoints = 25m },
                new() { Name = "可行性", MaxPoints = 20m }, new() { Name = "预算", MaxPoints = 15m }, new() { Name = "可持续", MaxPoints = 10m },
                new() { Name = "能力", MaxPoints = 10m },
            ],
        };
        CompetitionId = await Organizer<SaveCompetitionHandler>().HandleAsync(command);
        await Organizer<ChooseJudgePanelHandler>().HandleAsync(new ChooseJudgePanelCommand(CompetitionId, Judges.Select(j => j.Id).ToList()));
    }

    /// <summary>Open for entries, with entry A (Deqin, 90,000) and B (Shangri-La, 80,000) submitted; no judge has declared yet.</summary>
    public async Task OpenWithEntriesAsync()
    {
        await DraftAsync();
        await Organizer<CompetitionTransitions>().OpenAsync(CompetitionId);
        EntryA = await SubmitAsync(Actor.Agency, "独居老人互助", 90_000m);
        EntryB = await SubmitAsync(Actor.OtherAgency, "老年康养", 80_000m);
    }

    /// <summary>On an open competition: entries A and B submitted, and C, a Deqin draft.</summary>
    public async Task OpenWithEntriesOnlyAsync()
    {
        EntryA = await SubmitAsync(Actor.Agency, "独居老人互助", 90_000m);
        EntryB = await SubmitAsync(Actor.OtherAgency, "老年康养", 80_000m);
        EntryC = await SaveEntryAsync(Actor.Agency, "困境儿童陪伴", 50_000m);
    }

    /// <summary>Judging with all three judges declared (no conflicts) and assigned to both entries.</summary>
    public async Task InJudgingAsync()
    {
        await OpenWithEntriesAsync();
        await Organizer<CompetitionTransitions>().StartJudgingAsync(CompetitionId);
        foreach (var judge in Judges)
        {
            await DeclareAsync(judge);
        }

        await Organizer<AssignJudgesHandler>().HandleAsync(CompetitionId);
    }

    public Task DeclareAsync(ApplicationUser judge, params int[] conflicts) =>
        AsJudge<DeclareConflictsHandler>(judge).HandleAsync(new DeclareConflictsCommand(CompetitionId, conflicts));

    /// <summary>Scores every criterion at the same share of its maximum and submits the sheet.</summary>
    public async Task ScoreAsync(ApplicationUser judge, int entryId, decimal share)
    {
        var view = await ViewAsync();
        await AsJudge<SubmitScoreSheetHandler>(judge).HandleAsync(new SaveScoreSheetCommand(entryId,
            view.Criteria.Select(c => new CriterionScore(c.Id, c.MaxPoints * share, null)).ToList()));
    }

    /// <summary>Every assigned sheet submitted (at 90 % for A, 70 % for B) and the judging window closed: judging is complete .</summary>
    public async Task CompleteJudgingAsync()
    {
        foreach (var judge in Judges)
        {
            await ScoreAsync(judge, EntryA, 0.9m);
            await ScoreAsync(judge, EntryB, 0.7m);
        }

        Clock.UtcNow = JudgingClosesAtUtc.AddHours(1);
    }

    public async Task<int> SaveEntryAsync(Actor agency, string title, decimal amount) =>
        await As<SaveEntryHandler>(agency).HandleAsync(new SaveEntryCommand
        {
            CompetitionId = CompetitionId, Title = title, TargetGroups = [TargetGroup.Elderly], Problem = "问题", Plan = "计划", ExpectedOutcomes = "成效",
            RequestedAmount = amount,
            BudgetLines = [new() { Item = "人员", Amount = amount - 10_000m }, new() { Item = "活动", Amount = 10_000m }],
        });

    private async Task<int> SubmitAsync(Actor agency, string title, decimal amount)
    {
        var id = await SaveEntryAsync(agency, title, amount);
        await As<SubmitEntryHandler>(agency).HandleAsync(id);
        return id;
    }

    private static System.Security.Claims.ClaimsPrincipal JudgePrincipal(ApplicationUser judge) =>
        TestApp.Principal(Roles.Judge, null, judge.UserName!, judge.Id);
}
