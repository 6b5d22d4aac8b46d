using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

public sealed class CompetitionFlowTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _deqin;
    private int _shangriLa;
    private ApplicationUser[] _judges = null!;
    private int _competitionId;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _deqin = await _app.AddAgencyAsync();
        _shangriLa = await _app.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025");
        _judges = [await _app.AddUserAsync("j1", Roles.Judge), await _app.AddUserAsync("j2", Roles.Judge), await _app.AddUserAsync("j3", Roles.Judge)];

        var now = ChinaTime.FromUtc(DateTime.UtcNow);
        var setup = Organizer<CompetitionSetupHandler>();
        _competitionId = await setup.SaveAsync(new SaveCompetitionCommand(null, "2026年公益创投大赛（测试）", 2026, "一老一小", 150_000m, 100_000m,
            [TargetGroup.Elderly, TargetGroup.Children], now.AddDays(-1), now.AddDays(10), now.AddDays(11), now.AddDays(30), JudgesPerEntry: 3));
        await setup.SetRubricAsync(_competitionId,
        [
            new("需求", null, 20m), new("设计", null, 25m), new("可行性", null, 20m), new("预算", null, 15m), new("可持续", null, 10m), new("能力", null, 10m),
        ]);
        await setup.SetJudgesAsync(_competitionId, _judges.Select(j => j.Id).ToList());
        await setup.OpenAsync(_competitionId);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private T Organizer<T>() where T : notnull => _app.As<T>(Roles.ProcurementOfficer, userName: "officer");

    private T AsJudge<T>(ApplicationUser judge) where T : notnull =>
        _app.Scope(TestApp.Principal(Roles.Judge, null, judge.UserName!, judge.Id)).ServiceProvider.GetRequiredService<T>();

    private EntriesHandler Agency(int agencyId) => _app.As<EntriesHandler>(Roles.AgencyUser, agencyId);

    private static EntryDetails Entry(string title, decimal amount) => new(title, [TargetGroup.Elderly], "问题", "计划", "成效", amount,
        [new BudgetLine("人员", amount - 10_000m), new BudgetLine("活动", 10_000m)]);

    private async Task<(int A, int B)> SubmitTwoEntriesAsync()
    {
        var a = await Agency(_deqin).SaveAsync(_competitionId, null, Entry("独居老人互助", 90_000m));
        await Agency(_deqin).SubmitAsync(a);
        var b = await Agency(_shangriLa).SaveAsync(_competitionId, null, Entry("老年康养", 80_000m));
        await Agency(_shangriLa).SubmitAsync(b);
        return (a, b);
    }

    private async Task ScoreAsync(ApplicationUser judge, int entryId, decimal perCriterionShare)
    {
        var competition = (await Organizer<CompetitionSetupHandler>().ListAsync()).Single(c => c.Id == _competitionId);
        var scores = competition.Criteria.Select(c => new CriterionScore(c.Id, c.MaxPoints * perCriterionShare, null)).ToList();
        await AsJudge<JudgingHandler>(judge).SaveSheetAsync(entryId, scores);
        await AsJudge<JudgingHandler>(judge).SubmitSheetAsync(entryId);
    }

    [Fact]
    public async Task Conflicts_assignment_scoring_publication_and_awards_that_become_draft_contracts()
    {
        var (a, b) = await SubmitTwoEntriesAsync();
        await AsJudge<JudgingHandler>(_judges[0]).DeclareConflictsAsync(_competitionId, [_deqin]); // j1 knows the Deqin agency
        await AsJudge<JudgingHandler>(_judges[1]).DeclareConflictsAsync(_competitionId, []);
        await AsJudge<JudgingHandler>(_judges[2]).DeclareConflictsAsync(_competitionId, []);
        await Organizer<CompetitionSetupHandler>().StartJudgingAsync(_competitionId);

        var coverage = await Organizer<JudgingHandler>().AssignAsync(_competitionId);
        Assert.Equal(2, coverage.Single(c => c.EntryId == a).AssignedJudges);
        Assert.True(coverage.Single(c => c.EntryId == a).UnderCovered);
        Assert.Equal(3, coverage.Single(c => c.EntryId == b).AssignedJudges);

        // the conflicted judge neither sees nor scores the Deqin entry.
        Assert.DoesNotContain(await AsJudge<EntriesHandler>(_judges[0]).ListAsync(_competitionId), e => e.Id == a);
        await Assert.ThrowsAsync<NotFoundException>(() => AsJudge<JudgingHandler>(_judges[0]).OpenSheetAsync(a));

        await ScoreAsync(_judges[1], a, 0.9m);
        await ScoreAsync(_judges[2], a, 0.8m);
        await ScoreAsync(_judges[0], b, 0.7m);
        await ScoreAsync(_judges[1], b, 0.7m);
        await ScoreAsync(_judges[2], b, 0.7m);

        // Judges see no ranking before publication; the bureau does.
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => AsJudge<ResultsHandler>(_judges[1]).GetAsync(_competitionId));
        var during = await Organizer<ResultsHandler>().GetAsync(_competitionId);
        Assert.Equal([a, b], during.Rows.Select(r => r.Result.EntryId));
        Assert.Equal(85m, during.Rows[0].Result.FinalScore);

        // a submitted sheet is locked.
        var competition = (await Organizer<CompetitionSetupHandler>().ListAsync()).Single(c => c.Id == _competitionId);
        await Assert.ThrowsAsync<DomainException>(() => AsJudge<JudgingHandler>(_judges[1]).SaveSheetAsync(a, [new CriterionScore(competition.Criteria[0].Id, 1m, null)]));

        // Neither awards nor skips before publication: both check the phase.
        Assert.Equal("Competition.WrongPhase", (await Assert.ThrowsAsync<DomainException>(() => Organizer<ResultsHandler>().SkipAsync(b, "资金池余额不足"))).Code);
        Assert.Equal("Competition.WrongPhase", (await Assert.ThrowsAsync<DomainException>(() => Organizer<ResultsHandler>().AwardNextAsync(_competitionId, a))).Code);
        Assert.All((await Organizer<ResultsHandler>().GetAsync(_competitionId)).Rows, r => Assert.Equal(AwardDecision.None, r.Award));

        await Organizer<CompetitionSetupHandler>().PublishResultsAsync(_competitionId);
        Assert.Equal(2, (await AsJudge<ResultsHandler>(_judges[1]).GetAsync(_competitionId)).Rows.Count);
        Assert.Equal(b, Assert.Single((await _app.As<ResultsHandler>(Roles.AgencyUser, _shangriLa).GetAsync(_competitionId)).Rows).Result.EntryId);

        // in rank order while the pool lasts (150,000: 90,000 fits, then 80,000 does not).
        await Assert.ThrowsAsync<DomainException>(() => Organizer<ResultsHandler>().AwardNextAsync(_competitionId, b));
        var contractId = await Organizer<ResultsHandler>().AwardNextAsync(_competitionId, a);
        Assert.Equal("Award.PoolExhausted", (await Assert.ThrowsAsync<DomainException>(() => Organizer<ResultsHandler>().AwardNextAsync(_competitionId, b))).Code);
        await Organizer<ResultsHandler>().SkipAsync(b, "资金池余额不足");

        var contract = (await _app.As<GetContractHandler>(Roles.ProcurementOfficer).HandleAsync(contractId)).Contract;
        Assert.Equal(ContractStatus.Draft, contract.Status);
        Assert.Equal((_deqin, 90_000m, a), (contract.AgencyId, contract.Amount, contract.CompetitionEntryId!.Value));
        Assert.Equal([TargetGroup.Elderly], contract.TargetGroups);
    }

    [Fact]
    public async Task A_judge_sees_nothing_before_declaring_and_never_an_unassigned_entry()
    {
        var (a, _) = await SubmitTwoEntriesAsync();
        await Organizer<CompetitionSetupHandler>().StartJudgingAsync(_competitionId);
        await AsJudge<JudgingHandler>(_judges[1]).DeclareConflictsAsync(_competitionId, []);
        await Organizer<JudgingHandler>().AssignAsync(_competitionId);

        Assert.Empty(await AsJudge<EntriesHandler>(_judges[2]).ListAsync(_competitionId)); // has not declared: not assigned, sees nothing
        await Assert.ThrowsAsync<NotFoundException>(() => AsJudge<EntriesHandler>(_judges[2]).GetAsync(a));
        await Assert.ThrowsAsync<NotFoundException>(() => AsJudge<JudgingHandler>(_judges[2]).OpenSheetAsync(a));
        Assert.Equal(2, (await AsJudge<EntriesHandler>(_judges[1]).ListAsync(_competitionId)).Count);
    }

    [Fact]
    public async Task An_agency_cannot_see_another_agencys_entry_and_a_suspended_agency_cannot_submit()
    {
        var (a, b) = await SubmitTwoEntriesAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => Agency(_deqin).GetAsync(b));
        Assert.Equal([a], (await Agency(_deqin).ListAsync(_competitionId)).Select(e => e.Id));

        var third = await Agency(_deqin).SaveAsync(_competitionId, null, Entry("第二个项目", 50_000m));
        await _app.As<Diqing.Procurement.Application.Features.Agencies.ChangeAgencyStatusHandler>(Roles.ProcurementOfficer).SuspendAsync(_deqin);
        Assert.Equal("Agency.Suspended", (await Assert.ThrowsAsync<DomainException>(() => Agency(_deqin).SubmitAsync(third))).Code);
    }

    [Fact]
    public async Task Only_an_administrator_reopens_a_submitted_sheet_and_the_reopening_is_audited()
    {
        var (_, b) = await SubmitTwoEntriesAsync();
        foreach (var judge in _judges)
        {
            await AsJudge<JudgingHandler>(judge).DeclareConflictsAsync(_competitionId, []);
        }

        await Organizer<CompetitionSetupHandler>().StartJudgingAsync(_competitionId);
        await Organizer<JudgingHandler>().AssignAsync(_competitionId);
        await ScoreAsync(_judges[0], b, 0.5m);
        var sheet = await AsJudge<JudgingHandler>(_judges[0]).OpenSheetAsync(b);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Organizer<JudgingHandler>().ReopenSheetAsync(sheet.Id, "录入错误"));
        await _app.As<JudgingHandler>(Roles.Administrator, userName: "admin").ReopenSheetAsync(sheet.Id, "录入错误");

        await using var db = await _app.DbAsync();
        Assert.Contains(db.AuditEntries.Where(e => e.EntityType == nameof(ScoreSheet) && e.UserName == "admin").Select(e => e.Changes), c => c.Contains("录入错误"));
    }
}
