using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

/// <summary>A competition in judging, built through the application handlers: two submitted entries, three judges assigned.</summary>
internal sealed class CompetitionScenario(TestApp app)
{
    public int CompetitionId { get; private set; }

    public int EntryA { get; private set; }

    public int EntryB { get; private set; }

    public ApplicationUser[] Judges { get; private set; } = [];

    public T Organizer<T>() where T : notnull => app.As<T>(Roles.ProcurementOfficer, userName: "officer");

    public T AsJudge<T>(ApplicationUser judge) where T : notnull =>
        app.Scope(TestApp.Principal(Roles.Judge, null, judge.UserName!, judge.Id)).ServiceProvider.GetRequiredService<T>();

    public Task<Competition> CompetitionAsync() => Organizer<CompetitionSetupHandler>().GetAsync(CompetitionId);

    public int Deqin { get; private set; }

    public int ShangriLa { get; private set; }

    public async Task InJudgingAsync()
    {
        await OpenWithEntriesAsync();
        foreach (var judge in Judges)
        {
            await AsJudge<JudgingHandler>(judge).DeclareConflictsAsync(CompetitionId, []);
        }

        await Organizer<CompetitionSetupHandler>().StartJudgingAsync(CompetitionId);
        await Organizer<JudgingHandler>().AssignAsync(CompetitionId);
    }

    /// <summary>Open for entries with the two entries submitted and the three judges on the panel, none of them declared yet.</summary>
    public async Task OpenWithEntriesAsync()
    {
        var deqin = Deqin = await app.AddAgencyAsync();
        var shangriLa = ShangriLa = await app.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025");
        Judges = [await app.AddUserAsync("j1", Roles.Judge), await app.AddUserAsync("j2", Roles.Judge), await app.AddUserAsync("j3", Roles.Judge)];

        var now = ChinaTime.FromUtc(DateTime.UtcNow);
        var setup = Organizer<CompetitionSetupHandler>();
        CompetitionId = await setup.SaveAsync(new SaveCompetitionCommand(null, "2026年公益创投大赛（测试）", 2026, "一老一小", 300_000m, 100_000m,
            [TargetGroup.Elderly], now.AddDays(-1), now.AddDays(10), now.AddDays(11), now.AddDays(30)));
        await setup.SetRubricAsync(CompetitionId,
            [new("需求", null, 20m), new("设计", null, 25m), new("可行性", null, 20m), new("预算", null, 15m), new("可持续", null, 10m), new("能力", null, 10m)]);
        await setup.SetJudgesAsync(CompetitionId, Judges.Select(j => j.Id).ToList());
        await setup.OpenAsync(CompetitionId);

        EntryA = await SubmitAsync(deqin, "独居老人互助", 90_000m);
        EntryB = await SubmitAsync(shangriLa, "老年康养", 80_000m);
    }

    /// <summary>Scores every criterion at the same share of its maximum and submits the sheet.</summary>
    public async Task ScoreAsync(ApplicationUser judge, int entryId, decimal share)
    {
        var competition = await CompetitionAsync();
        await AsJudge<JudgingHandler>(judge).SaveSheetAsync(entryId, competition.Criteria.Select(c => new CriterionScore(c.Id, c.MaxPoints * share, null)).ToList());
        await AsJudge<JudgingHandler>(judge).SubmitSheetAsync(entryId);
    }

    private async Task<int> SubmitAsync(int agencyId, string title, decimal amount)
    {
        var entries = app.As<EntriesHandler>(Roles.AgencyUser, agencyId);
        var id = await entries.SaveAsync(CompetitionId, null, new EntryDetails(title, [TargetGroup.Elderly], "问题", "计划", "成效", amount,
            [new BudgetLine("人员", amount - 10_000m), new BudgetLine("活动", 10_000m)]));
        await entries.SubmitAsync(id);
        return id;
    }
}
