using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Attachments;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Contracts;

public sealed class AttachContractDocumentsTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = "%PDF-1.7\n%âãÏÓ\n1 0 obj\n"u8.ToArray();

    private TestApp _app = null!;
    private int _agencyId;
    private int _otherAgencyId;
    private SignedContract _contract = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _agencyId = await _app.AddAgencyAsync();
        _otherAgencyId = await _app.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025");
        _contract = await new ContractScenario(_app).SignedAsync(_agencyId, 10_000m);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private AttachContractDocumentsHandler Files(string role, int? agencyId = null) => _app.As<AttachContractDocumentsHandler>(role, agencyId, role + "-user");

    private async Task<byte[]> DownloadAsync(string role, Guid id, int? agencyId = null)
    {
        var download = await _app.As<DownloadAttachmentHandler>(role, agencyId, "reader").HandleAsync(id);
        await using var content = download.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Officer_uploads_the_signed_contract_and_every_reader_of_the_contract_downloads_it()
    {
        var info = await Files(Roles.ProcurementOfficer).UploadAsync(_contract.ContractId, "合同文本（盖章）.pdf", new MemoryStream(Pdf));

        Assert.Equal("application/pdf", info.ContentType);
        Assert.Equal("ProcurementOfficer-user", info.UploadedBy);
        Assert.Equal(Pdf, await DownloadAsync(Roles.Auditor, info.Id));
        Assert.Equal(Pdf, await DownloadAsync(Roles.FinanceOfficer, info.Id));
        Assert.Equal(Pdf, await DownloadAsync(Roles.AgencyUser, info.Id, _agencyId));
        Assert.Equal("合同文本（盖章）.pdf", Assert.Single(await Files(Roles.AgencyUser, _agencyId).ListAsync(_contract.ContractId)).OriginalName);

        await using var db = await _app.DbAsync();
        var stored = await db.Attachments.SingleAsync();
        Assert.Equal(_contract.ContractId, stored.ContractId);
        Assert.Null(stored.ReportId);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(Attachment) && e.Action == AuditAction.Created));
    }

    [Fact]
    public async Task R01_other_agencies_judges_and_non_editors_are_refused()
    {
        var info = await Files(Roles.Administrator).UploadAsync(_contract.ContractId, "采购文件.pdf", new MemoryStream(Pdf));

        await Assert.ThrowsAsync<NotFoundException>(() => DownloadAsync(Roles.AgencyUser, info.Id, _otherAgencyId));
        await Assert.ThrowsAsync<NotFoundException>(() => Files(Roles.AgencyUser, _otherAgencyId).ListAsync(_contract.ContractId));
        await Assert.ThrowsAsync<NotFoundException>(() => DownloadAsync(Roles.Judge, info.Id));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Files(Roles.Judge).ListAsync(_contract.ContractId));
        foreach (var (role, agencyId) in new[] { (Roles.AgencyUser, (int?)_agencyId), (Roles.FinanceOfficer, null), (Roles.Auditor, null) })
        {
            await Assert.ThrowsAsync<ForbiddenAccessException>(() => Files(role, agencyId).UploadAsync(_contract.ContractId, "x.pdf", new MemoryStream(Pdf)));
            await Assert.ThrowsAsync<ForbiddenAccessException>(() => Files(role, agencyId).DeleteAsync(info.Id));
        }

        Assert.Single(await Files(Roles.Auditor).ListAsync(_contract.ContractId));
    }

    [Fact]
    public async Task A_contract_attachment_is_not_reachable_as_a_report_attachment()
    {
        var info = await Files(Roles.ProcurementOfficer).UploadAsync(_contract.ContractId, "预算表.pdf", new MemoryStream(Pdf));

        await Assert.ThrowsAsync<NotFoundException>(() => _app.As<AttachReportFilesHandler>(Roles.AgencyUser, _agencyId).DeleteAsync(info.Id));
        Assert.Single(await Files(Roles.Auditor).ListAsync(_contract.ContractId));
    }

    [Fact]
    public async Task Documents_are_frozen_once_the_contract_is_terminated_and_refused_files_leave_nothing()
    {
        var officer = Files(Roles.ProcurementOfficer);
        var kept = await officer.UploadAsync(_contract.ContractId, "合同.pdf", new MemoryStream(Pdf));
        Assert.Equal("Attachment.TypeNotAllowed", (await Assert.ThrowsAsync<DomainException>(
            () => officer.UploadAsync(_contract.ContractId, "程序.pdf", new MemoryStream([0x4D, 0x5A, 0x90, 0x00, 0x03])))).Code);

        await _app.As<ContractTransitions>(Roles.ProcurementOfficer).TerminateAsync(_contract.ContractId, "机构撤出");

        Assert.Equal("Attachment.ContractFinished", (await Assert.ThrowsAsync<DomainException>(
            () => officer.UploadAsync(_contract.ContractId, "补充.pdf", new MemoryStream(Pdf)))).Code);
        Assert.Equal("Attachment.ContractFinished", (await Assert.ThrowsAsync<DomainException>(() => officer.DeleteAsync(kept.Id))).Code);
        Assert.False((await _app.As<GetContractHandler>(Roles.ProcurementOfficer).HandleAsync(_contract.ContractId)).Actions.CanChangeDocuments);
        Assert.Equal([kept.Id], (await officer.ListAsync(_contract.ContractId)).Select(f => f.Id));
    }

    [Fact]
    public async Task Editor_removes_a_document_while_the_contract_is_open()
    {
        var officer = Files(Roles.ProcurementOfficer);
        var info = await officer.UploadAsync(_contract.ContractId, "旧版.pdf", new MemoryStream(Pdf));

        await officer.DeleteAsync(info.Id);

        Assert.Empty(await officer.ListAsync(_contract.ContractId));
        await Assert.ThrowsAsync<NotFoundException>(() => DownloadAsync(Roles.Auditor, info.Id));
    }
}
