using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

/// <summary>Choosing the panel, what a judge declares against, and what the bureau sees of the panel and entries.</summary>
public sealed class JudgePanelTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _deqin;
    private int _shangriLa;
    private int _incubator;
    private ApplicationUser[] _judges = null!;
    private ApplicationUser _outsider = null!;
    private int _competitionId;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _deqin = await _app.AddAgencyAsync();
        _shangriLa = await _app.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025");
        _incubator = await _app.AddAgencyAsync("迪庆州社会工作孵化服务中心", "52533400MJD000003R", Domain.Agencies.County.ShangriLa);
        _judges = [await _app.AddUserAsync("j1", Roles.Judge), await _app.AddUserAsync("j2", Roles.Judge)];
        _outsider = await _app.AddUserAsync("j9", Roles.Judge);
        await _app.AddUserAsync("officer2", Roles.ProcurementOfficer);

        var now = ChinaTime.FromUtc(DateTime.UtcNow);
        var setup = Organizer<CompetitionSetupHandler>();
        _competitionId = await setup.SaveAsync(new SaveCompetitionCommand(null, "2026年公益创投大赛（测试）", 2026, "一老一小", 300_000m, 100_000m,
            [TargetGroup.Elderly], now.AddDays(-1), now.AddDays(10), now.AddDays(11), now.AddDays(30)));
        await setup.SetRubricAsync(_competitionId, [new("需求", null, 60m), new("设计", null, 40m)]);
        await setup.SetJudgesAsync(_competitionId, _judges.Select(j => j.Id).ToList());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private T Organizer<T>() where T : notnull => _app.As<T>(Roles.ProcurementOfficer, userName: "officer");

    private T AsJudge<T>(ApplicationUser judge) where T : notnull =>
        _app.Scope(TestApp.Principal(Roles.Judge, null, judge.UserName!, judge.Id)).ServiceProvider.GetRequiredService<T>();

    private async Task<int> EntryAsync(int agencyId, string title, bool submit)
    {
        var entries = _app.As<EntriesHandler>(Roles.AgencyUser, agencyId);
        var id = await entries.SaveAsync(_competitionId, null, new EntryDetails(title, [TargetGroup.Elderly], "问题", "计划", "成效", 50_000m,
            [new BudgetLine("人员", 50_000m)]));
        if (submit)
        {
            await entries.SubmitAsync(id);
        }

        return id;
    }

    [Theory]
    [InlineData(Roles.ProcurementOfficer)]
    [InlineData(Roles.Administrator)]
    public async Task Organisers_list_the_judge_accounts_and_no_other(string role)
    {
        var judges = await _app.As<JudgePanelHandler>(role).CandidatesAsync();

        Assert.Equal(["j1", "j2", "j9"], judges.Select(j => j.UserName));
        Assert.Equal(_judges[0].Id, judges[0].Id);
        Assert.Equal("j1", judges[0].DisplayName);
    }

    [Theory]
    [InlineData(Roles.AgencyUser)]
    [InlineData(Roles.Judge)]
    [InlineData(Roles.FinanceOfficer)]
    [InlineData(Roles.Auditor)]
    public async Task Nobody_else_lists_the_judge_accounts(string role)
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<JudgePanelHandler>(role, role == Roles.AgencyUser ? _deqin : null).CandidatesAsync());
    }

    [Fact]
    public async Task A_panel_judge_sees_the_names_of_agencies_with_submitted_entries_and_declares_against_one()
    {
        await Organizer<CompetitionSetupHandler>().OpenAsync(_competitionId);
        await EntryAsync(_deqin, "独居老人互助", submit: true);
        await EntryAsync(_shangriLa, "老年康养", submit: true);
        await EntryAsync(_incubator, "草稿项目", submit: false);

        var choices = await AsJudge<JudgePanelHandler>(_judges[0]).ConflictChoicesAsync(_competitionId);
        Assert.True(choices.OnPanel);
        Assert.False(choices.HasDeclared);
        Assert.Equal(new[] { _deqin, _shangriLa }.Order(), choices.Agencies.Select(a => a.Id).Order()); // not the incubator's draft
        Assert.Equal(["测试社会工作服务中心", "香格里拉市社会服务工作中心"], choices.Agencies.Select(a => a.Name).Order(StringComparer.Ordinal));

        await AsJudge<JudgingHandler>(_judges[0]).DeclareConflictsAsync(_competitionId, [_shangriLa]);
        var declared = await AsJudge<JudgePanelHandler>(_judges[0]).ConflictChoicesAsync(_competitionId);
        Assert.True(declared.HasDeclared);
        Assert.Equal([_shangriLa], declared.DeclaredAgencyIds);
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("none")]
    public async Task A_conflict_with_an_agency_that_has_no_submitted_entry_is_refused_and_nothing_is_declared(string which)
    {
        await Organizer<CompetitionSetupHandler>().OpenAsync(_competitionId);
        await EntryAsync(_deqin, "独居老人互助", submit: true);
        await EntryAsync(_incubator, "草稿项目", submit: false);
        var notCompeting = which == "draft" ? _incubator : _shangriLa;

        var refused = await Assert.ThrowsAsync<DomainException>(() => AsJudge<JudgingHandler>(_judges[0]).DeclareConflictsAsync(_competitionId, [_deqin, notCompeting]));

        Assert.Equal("Judging.ConflictAgencyNotCompeting", refused.Code);
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("只能对本届大赛中已提交项目的机构申报利益冲突。", Messages.Get(refused.Code));
        }

        using (new CultureScope("en-US"))
        {
            Assert.StartsWith("Conflicts can only be declared with agencies", Messages.Get(refused.Code));
        }

        Assert.False((await AsJudge<JudgePanelHandler>(_judges[0]).ConflictChoicesAsync(_competitionId)).HasDeclared);
        await AsJudge<JudgingHandler>(_judges[0]).DeclareConflictsAsync(_competitionId, [_deqin, _deqin]); // a repeated pick counts once
        Assert.Equal([_deqin], (await AsJudge<JudgePanelHandler>(_judges[0]).ConflictChoicesAsync(_competitionId)).DeclaredAgencyIds);
    }

    [Fact]
    public async Task A_judge_not_on_the_panel_gets_no_agency_names()
    {
        await Organizer<CompetitionSetupHandler>().OpenAsync(_competitionId);
        await EntryAsync(_deqin, "独居老人互助", submit: true);

        var choices = await AsJudge<JudgePanelHandler>(_outsider).ConflictChoicesAsync(_competitionId);

        Assert.False(choices.OnPanel);
        Assert.Empty(choices.Agencies);
        Assert.False((await AsJudge<JudgePanelHandler>(_outsider).ConflictChoicesAsync(_competitionId + 100)).OnPanel);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<JudgePanelHandler>(Roles.AgencyUser, _deqin).ConflictChoicesAsync(_competitionId));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Organizer<JudgePanelHandler>().ConflictChoicesAsync(_competitionId));
    }

    [Fact]
    public async Task The_bureau_sees_which_panel_judges_have_declared_and_judges_or_agencies_do_not()
    {
        await Organizer<CompetitionSetupHandler>().OpenAsync(_competitionId);
        await EntryAsync(_deqin, "独居老人互助", submit: true);
        await EntryAsync(_shangriLa, "老年康养", submit: true);
        await AsJudge<JudgingHandler>(_judges[1]).DeclareConflictsAsync(_competitionId, [_deqin, _shangriLa]);

        var panel = await Organizer<JudgePanelHandler>().PanelAsync(_competitionId);

        Assert.Equal(["j1", "j2"], panel.Select(m => m.UserName));
        Assert.False(panel[0].HasDeclared);
        Assert.True(panel[1].HasDeclared);
        Assert.Equal(2, panel[1].ConflictCount);
        Assert.Equal(2, (await _app.As<JudgePanelHandler>(Roles.Auditor).PanelAsync(_competitionId)).Count);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => AsJudge<JudgePanelHandler>(_judges[0]).PanelAsync(_competitionId));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<JudgePanelHandler>(Roles.AgencyUser, _deqin).PanelAsync(_competitionId));
    }

    [Fact]
    public async Task A_draft_competition_is_found_by_the_bureau_only_and_an_open_one_by_everyone()
    {
        Assert.Equal("2026年公益创投大赛（测试）", (await Organizer<CompetitionSetupHandler>().GetAsync(_competitionId)).Name);
        await Assert.ThrowsAsync<NotFoundException>(() => _app.As<CompetitionSetupHandler>(Roles.AgencyUser, _deqin).GetAsync(_competitionId));
        await Assert.ThrowsAsync<NotFoundException>(() => AsJudge<CompetitionSetupHandler>(_judges[0]).GetAsync(_competitionId));
        await Assert.ThrowsAsync<NotFoundException>(() => Organizer<CompetitionSetupHandler>().GetAsync(_competitionId + 100));

        await Organizer<CompetitionSetupHandler>().OpenAsync(_competitionId);
        var seen = await _app.As<CompetitionSetupHandler>(Roles.AgencyUser, _deqin).GetAsync(_competitionId);
        Assert.Equal(2, seen.Criteria.Count);
    }

    [Fact]
    public async Task Entry_and_coverage_rows_carry_the_agency_name()
    {
        await Organizer<CompetitionSetupHandler>().OpenAsync(_competitionId);
        var a = await EntryAsync(_deqin, "独居老人互助", submit: true);
        var b = await EntryAsync(_shangriLa, "老年康养", submit: true);
        foreach (var judge in _judges)
        {
            await AsJudge<JudgingHandler>(judge).DeclareConflictsAsync(_competitionId, []);
        }

        await Organizer<CompetitionSetupHandler>().StartJudgingAsync(_competitionId);
        var coverage = await Organizer<JudgingHandler>().AssignAsync(_competitionId);

        Assert.Equal("香格里拉市社会服务工作中心", coverage.Single(r => r.EntryId == b).AgencyName);
        var rows = await Organizer<EntriesHandler>().ListWithAgenciesAsync(_competitionId);
        Assert.Equal([(a, "测试社会工作服务中心"), (b, "香格里拉市社会服务工作中心")], rows.Select(r => (r.Entry.Id, r.AgencyName)));
        var own = await _app.As<EntriesHandler>(Roles.AgencyUser, _shangriLa).ListWithAgenciesAsync(_competitionId);
        Assert.Equal([b], own.Select(r => r.Entry.Id)); // an agency still sees only its own entries
    }
}
