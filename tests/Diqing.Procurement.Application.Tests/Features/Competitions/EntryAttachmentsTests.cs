using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Attachments;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

/// <summary>An entry's files follow the entry: its agency changes them while it is a draft inside the window; readers are those who may read the entry.</summary>
[Collection(CompetitionStatesCollection.Name)]
public sealed class EntryAttachmentsTests(CompetitionStates states)
{
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj\n"u8.ToArray();

    [Fact]
    public async Task The_agency_files_its_draft_and_the_files_are_frozen_once_submitted()
    {
        var s = await states.TrialAsync(State.Open);
        var files = s.As<EntryAttachmentsHandler>(Actor.Agency);
        var plan = await files.UploadAsync(s.EntryC, "项目书.pdf", new MemoryStream(Pdf));
        var old = await files.UploadAsync(s.EntryC, "旧预算.pdf", new MemoryStream(Pdf));
        await files.DeleteAsync(old.Id);

        await s.As<SubmitEntryHandler>(Actor.Agency).HandleAsync(s.EntryC);

        Assert.False((await s.As<GetEntryHandler>(Actor.Agency).HandleAsync(s.EntryC)).CanChange);
        Assert.Equal("Entry.AlreadySubmitted", (await Assert.ThrowsAsync<DomainException>(() => files.UploadAsync(s.EntryC, "补充.pdf", new MemoryStream(Pdf)))).Code);
        Assert.Equal("Entry.AlreadySubmitted", (await Assert.ThrowsAsync<DomainException>(() => files.DeleteAsync(plan.Id))).Code);
        Assert.Equal(["项目书.pdf"], (await s.As<EntryAttachmentsHandler>(Actor.Officer).ListAsync(s.EntryC)).Select(f => f.OriginalName));
        var download = await s.As<DownloadAttachmentHandler>(Actor.Auditor).HandleAsync(plan.Id);
        await using var content = download.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(Pdf, copy.ToArray());
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task A_draft_is_frozen_once_the_window_closes()
    {
        var s = await states.TrialAsync(State.OpenWindowClosed);
        var refused = await Assert.ThrowsAsync<DomainException>(() => s.As<EntryAttachmentsHandler>(Actor.Agency).UploadAsync(s.EntryC, "x.pdf", new MemoryStream(Pdf)));
        Assert.Equal("Entry.OutsideWindow", refused.Code);
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task CanChange_is_true_exactly_when_the_upload_succeeds() =>
        await states.AssertFlagAgreesAsync(CompetitionStates.All, [Actor.Agency, Actor.OtherAgency, Actor.Officer, Actor.Judge],
            async (s, actor) => (await s.As<GetEntryHandler>(actor).HandleAsync(s.EntryC)).CanChange,
            (s, actor) => s.As<EntryAttachmentsHandler>(actor).UploadAsync(s.EntryC, "项目书.pdf", new MemoryStream(Pdf)));

    [Fact]
    public async Task R01_R19_another_agency_and_a_conflicted_judge_get_nothing_and_an_assigned_judge_reads_it()
    {
        var s = await states.TrialAsync(State.Open);
        var plan = await s.As<EntryAttachmentsHandler>(Actor.Agency).UploadAsync(s.EntryC, "项目书.pdf", new MemoryStream(Pdf));
        await s.As<SubmitEntryHandler>(Actor.Agency).HandleAsync(s.EntryC);
        await s.Organizer<CompetitionTransitions>().StartJudgingAsync(s.CompetitionId);
        await s.DeclareAsync(s.Judges[1], s.Deqin);
        await s.DeclareAsync(s.Judges[0]);
        await s.Organizer<AssignJudgesHandler>().HandleAsync(s.CompetitionId);

        await Assert.ThrowsAsync<NotFoundException>(() => s.As<EntryAttachmentsHandler>(Actor.OtherAgency).ListAsync(s.EntryC));
        await Assert.ThrowsAsync<NotFoundException>(() => s.As<EntryAttachmentsHandler>(Actor.OtherAgency).UploadAsync(s.EntryC, "x.pdf", new MemoryStream(Pdf)));
        await Assert.ThrowsAsync<NotFoundException>(() => s.As<DownloadAttachmentHandler>(Actor.OtherAgency).HandleAsync(plan.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => s.As<DownloadAttachmentHandler>(Actor.ConflictedJudge).HandleAsync(plan.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => s.As<EntryAttachmentsHandler>(Actor.ConflictedJudge).ListAsync(s.EntryC));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.As<EntryAttachmentsHandler>(Actor.Judge).UploadAsync(s.EntryC, "x.pdf", new MemoryStream(Pdf)));

        Assert.Single(await s.As<EntryAttachmentsHandler>(Actor.Judge).ListAsync(s.EntryC));
        (await s.As<DownloadAttachmentHandler>(Actor.Judge).HandleAsync(plan.Id)).Content.Dispose();
        await s.App.DisposeAsync();
    }
}
