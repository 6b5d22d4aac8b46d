using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Attachments;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

/// <summary>An entry's files follow the entry: its agency changes them while it is a draft; readers are those who may read the entry.</summary>
public sealed class EntryAttachmentsTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj\n"u8.ToArray();

    private TestApp _app = null!;
    private int _deqin;
    private int _shangriLa;
    private ApplicationUser _conflicted = null!;
    private ApplicationUser _free = null!;
    private int _competitionId;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _deqin = await _app.AddAgencyAsync();
        _shangriLa = await _app.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025");
        _conflicted = await _app.AddUserAsync("j1", Roles.Judge);
        _free = await _app.AddUserAsync("j2", Roles.Judge);
        var now = ChinaTime.FromUtc(DateTime.UtcNow);
        var setup = _app.As<CompetitionSetupHandler>(Roles.ProcurementOfficer, userName: "officer");
        _competitionId = await setup.SaveAsync(new SaveCompetitionCommand(null, "公益创投（附件测试）", 2026, "一老一小", 150_000m, 100_000m,
            [TargetGroup.Elderly], now.AddDays(-1), now.AddDays(10), now.AddDays(11), now.AddDays(30), JudgesPerEntry: 2));
        await setup.SetRubricAsync(_competitionId, [new("需求", null, 50m), new("设计", null, 50m)]);
        await setup.SetJudgesAsync(_competitionId, [_conflicted.Id, _free.Id]);
        await setup.OpenAsync(_competitionId);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private EntryAttachmentsHandler Files(int agencyId) => _app.As<EntryAttachmentsHandler>(Roles.AgencyUser, agencyId, "agency-user");

    private T AsJudge<T>(ApplicationUser judge) where T : notnull =>
        _app.Scope(TestApp.Principal(Roles.Judge, null, judge.UserName!, judge.Id)).ServiceProvider.GetRequiredService<T>();

    private async Task<int> DraftAsync(int agencyId) =>
        await _app.As<EntriesHandler>(Roles.AgencyUser, agencyId).SaveAsync(_competitionId, null, new EntryDetails(
            "独居老人互助", [TargetGroup.Elderly], "问题", "计划", "成效", 90_000m, [new BudgetLine("人员", 80_000m), new BudgetLine("活动", 10_000m)]));

    [Fact]
    public async Task The_agency_files_its_draft_and_the_files_are_frozen_once_submitted()
    {
        var entryId = await DraftAsync(_deqin);
        Assert.True(await Files(_deqin).CanChangeAsync(entryId));
        var plan = await Files(_deqin).UploadAsync(entryId, "项目书.pdf", new MemoryStream(Pdf));
        var old = await Files(_deqin).UploadAsync(entryId, "旧预算.pdf", new MemoryStream(Pdf));
        await Files(_deqin).DeleteAsync(old.Id);

        await _app.As<EntriesHandler>(Roles.AgencyUser, _deqin).SubmitAsync(entryId);

        Assert.False(await Files(_deqin).CanChangeAsync(entryId));
        Assert.Equal("Entry.AlreadySubmitted", (await Assert.ThrowsAsync<DomainException>(() => Files(_deqin).UploadAsync(entryId, "补充.pdf", new MemoryStream(Pdf)))).Code);
        Assert.Equal("Entry.AlreadySubmitted", (await Assert.ThrowsAsync<DomainException>(() => Files(_deqin).DeleteAsync(plan.Id))).Code);
        Assert.Equal(["项目书.pdf"], (await _app.As<EntryAttachmentsHandler>(Roles.ProcurementOfficer).ListAsync(entryId)).Select(f => f.OriginalName));
        var download = await _app.As<DownloadAttachmentHandler>(Roles.Auditor).HandleAsync(plan.Id);
        await using var content = download.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(Pdf, copy.ToArray());
    }

    [Fact]
    public async Task R01_R19_another_agency_and_a_conflicted_judge_get_nothing_and_an_assigned_judge_reads_it()
    {
        var entryId = await DraftAsync(_deqin);
        var plan = await Files(_deqin).UploadAsync(entryId, "项目书.pdf", new MemoryStream(Pdf));
        await _app.As<EntriesHandler>(Roles.AgencyUser, _deqin).SubmitAsync(entryId);
        await AsJudge<JudgingHandler>(_conflicted).DeclareConflictsAsync(_competitionId, [_deqin]);
        await AsJudge<JudgingHandler>(_free).DeclareConflictsAsync(_competitionId, []);
        var officer = _app.As<CompetitionSetupHandler>(Roles.ProcurementOfficer, userName: "officer");
        await officer.StartJudgingAsync(_competitionId);
        await _app.As<JudgingHandler>(Roles.ProcurementOfficer, userName: "officer").AssignAsync(_competitionId);

        await Assert.ThrowsAsync<NotFoundException>(() => Files(_shangriLa).ListAsync(entryId));
        await Assert.ThrowsAsync<NotFoundException>(() => Files(_shangriLa).UploadAsync(entryId, "x.pdf", new MemoryStream(Pdf)));
        await Assert.ThrowsAsync<NotFoundException>(() => _app.As<DownloadAttachmentHandler>(Roles.AgencyUser, _shangriLa).HandleAsync(plan.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => AsJudge<DownloadAttachmentHandler>(_conflicted).HandleAsync(plan.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => AsJudge<EntryAttachmentsHandler>(_conflicted).ListAsync(entryId));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => AsJudge<EntryAttachmentsHandler>(_free).UploadAsync(entryId, "x.pdf", new MemoryStream(Pdf)));

        Assert.Single(await AsJudge<EntryAttachmentsHandler>(_free).ListAsync(entryId));
        (await AsJudge<DownloadAttachmentHandler>(_free).HandleAsync(plan.Id)).Content.Dispose();
    }
}
