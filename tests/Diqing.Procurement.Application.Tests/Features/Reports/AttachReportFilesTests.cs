using System.Security.Cryptography;
using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Attachments;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Reports;

public sealed class AttachReportFilesTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _agencyId;
    private int _otherAgencyId;
    private int _reportId;
    private int _contractId;
    private int _contractMidTerm;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _agencyId = await _app.AddAgencyAsync();
        _otherAgencyId = await _app.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025");
        var contract = await new ContractScenario(_app).SignedAsync(_agencyId, 10_000m);
        (_contractId, _contractMidTerm) = (contract.ContractId, contract.MidTermMilestoneId);
        _reportId = (await Own().OpenAsync(contract.MidTermMilestoneId)).ReportId;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private WriteReportHandler Own() => _app.As<WriteReportHandler>(Roles.AgencyUser, _agencyId, "deqin-user");

    private AttachReportFilesHandler Files(string role = Roles.AgencyUser, int? agencyId = null) =>
        _app.As<AttachReportFilesHandler>(role, agencyId ?? (role == Roles.AgencyUser ? _agencyId : null), "deqin-user");

    private DownloadAttachmentHandler Download(string role, int? agencyId = null) => _app.As<DownloadAttachmentHandler>(role, agencyId, "reader");

    private static ReportContent ReportScenarioContent() => new(
        new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), "本期完成入户探访160人次，开展康乐活动12场，服务对象满意度较高。",
        [new IndicatorActual("入户探访", 160m)],
        [new PeopleServed(Domain.Common.TargetGroup.PeopleInDifficulty, 85), new PeopleServed(Domain.Common.TargetGroup.Elderly, 40)],
        [new Spending(SpendingCategory.Personnel, 18_000m), new Spending(SpendingCategory.Activities, 6_500m),
         new Spending(SpendingCategory.Materials, 2_000m), new Spending(SpendingCategory.Administration, 0m)]);

    private static MemoryStream Bytes(params byte[] bytes) => new(bytes);

    private static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];

    [Theory]
    [InlineData("照片.jpg", "image/jpeg")]
    [InlineData("签到表.pdf", "application/pdf")]
    [InlineData("台账.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("总结.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    public async Task Accepted_kinds_are_stored_with_hash_and_come_back_byte_for_byte(string name, string contentType)
    {
        byte[] bytes = contentType switch
        {
            "image/jpeg" => Jpeg(),
            "application/pdf" => "%PDF-1.7\n%âãÏÓ\n1 0 obj\n"u8.ToArray(),
            _ when contentType.Contains("sheet") => TestFiles.Xlsx(),
            _ => TestFiles.Docx(),
        };

        var info = await Files().UploadAsync(_reportId, name, Bytes(bytes));

        Assert.Equal(contentType, info.ContentType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), info.Sha256);
        var download = await Download(Roles.AgencyUser, _agencyId).HandleAsync(info.Id);
        await using var content = download.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(name, download.FileName);
    }

    [Fact]
    public async Task An_exe_renamed_pdf_is_refused()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => Files().UploadAsync(_reportId, "报告.pdf", Bytes(0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00)));
        Assert.Equal("Attachment.TypeNotAllowed", ex.Code);
    }

    [Fact]
    public async Task A_plain_zip_is_not_an_office_file() =>
        Assert.Equal("Attachment.TypeNotAllowed", (await Assert.ThrowsAsync<DomainException>(() =>
            Files().UploadAsync(_reportId, "资料.docx", Bytes(TestFiles.OfficePackage("readme.txt", "text/plain"))))).Code);

    [Fact]
    public async Task An_empty_file_is_refused() =>
        Assert.Equal("Attachment.Empty", (await Assert.ThrowsAsync<DomainException>(() => Files().UploadAsync(_reportId, "空.jpg", Bytes()))).Code);

    [Fact]
    public async Task A_file_over_20_MB_is_refused_and_nothing_else_is_lost()
    {
        await Files().UploadAsync(_reportId, "保留.jpg", Bytes(Jpeg()));
        var oversized = new byte[Attachment.MaxBytes + 1];
        Jpeg().CopyTo(oversized, 0);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Files().UploadAsync(_reportId, "大图.jpg", new MemoryStream(oversized)));

        Assert.Equal("Attachment.TooLarge", ex.Code);
        Assert.Equal(["保留.jpg"], (await Files().ListAsync(_reportId)).Select(a => a.OriginalName));
    }

    [Fact]
    public async Task At_most_20_files_per_report()
    {
        for (var i = 0; i < Attachment.MaxPerOwner; i++)
        {
            await Files().UploadAsync(_reportId, $"照片{i}.jpg", Bytes(Jpeg()));
        }

        Assert.Equal("Attachment.TooMany", (await Assert.ThrowsAsync<DomainException>(() => Files().UploadAsync(_reportId, "多.jpg", Bytes(Jpeg())))).Code);
    }

    [Fact]
    public async Task R01_another_agency_cannot_list_download_upload_or_delete()
    {
        var info = await Files().UploadAsync(_reportId, "照片.jpg", Bytes(Jpeg()));
        var other = Files(Roles.AgencyUser, _otherAgencyId);

        await Assert.ThrowsAsync<NotFoundException>(() => Download(Roles.AgencyUser, _otherAgencyId).HandleAsync(info.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => other.ListAsync(_reportId));
        await Assert.ThrowsAsync<NotFoundException>(() => other.UploadAsync(_reportId, "x.jpg", Bytes(Jpeg())));
        await Assert.ThrowsAsync<NotFoundException>(() => other.DeleteAsync(info.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Download(Roles.Judge).HandleAsync(info.Id));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Files(Roles.Judge).ListAsync(_reportId));
        Assert.Single(await Files().ListAsync(_reportId));
    }

    [Fact]
    public async Task The_bureau_sees_a_reports_files_only_once_it_has_been_submitted()
    {
        var info = await Files().UploadAsync(_reportId, "照片.jpg", Bytes(Jpeg()));

        Assert.Empty(await Files(Roles.ProcurementOfficer).ListAsync(_reportId));
        await Assert.ThrowsAsync<NotFoundException>(() => Download(Roles.Auditor).HandleAsync(info.Id));

        var draft = await Own().OpenAsync(_contractMidTerm);
        await Own().SubmitAsync(draft.ReportId, draft.Version, ReportScenarioContent());

        Assert.Single(await Files(Roles.ProcurementOfficer).ListAsync(_reportId));
        (await Download(Roles.Auditor).HandleAsync(info.Id)).Content.Dispose();
    }

    [Fact]
    public async Task Files_cannot_be_changed_once_the_contract_stops()
    {
        var info = await Files().UploadAsync(_reportId, "照片.jpg", Bytes(Jpeg()));
        await _app.As<ContractTransitions>(Roles.ProcurementOfficer).SuspendAsync(_contractId, "机构负责人变更");

        Assert.Equal("Report.ContractNotActive", (await Assert.ThrowsAsync<DomainException>(() => Files().UploadAsync(_reportId, "新.jpg", Bytes(Jpeg())))).Code);
        Assert.Equal("Report.ContractNotActive", (await Assert.ThrowsAsync<DomainException>(() => Files().DeleteAsync(info.Id))).Code);
        Assert.Single(await Files().ListAsync(_reportId));
    }

    [Fact]
    public async Task Paths_in_file_names_are_dropped() =>
        Assert.Equal("evil.jpg", (await Files().UploadAsync(_reportId, "../../etc/evil.jpg", Bytes(Jpeg()))).OriginalName);
}
