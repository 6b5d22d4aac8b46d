using Diqing.Procurement.Application.Features.Attachments;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Files;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Attachments;

/// <summary>The files of the outside security test (issue 13, item 5), uploaded through a real owner (a contract).</summary>
public sealed class AttachmentIntakeTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _contractId;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _contractId = (await new ContractScenario(_app).SignedAsync(await _app.AddAgencyAsync(), 10_000m)).ContractId;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<AttachmentInfo> UploadAsync(string name, byte[] content) =>
        _app.As<AttachContractDocumentsHandler>(Roles.ProcurementOfficer).UploadAsync(_contractId, name, new MemoryStream(content));

    [Theory]
    [InlineData("invoice.pdf.bat", "invoice.pdf.bat.pdf")] // starts with %PDF-, named to run
    [InlineData("evidence.html", "evidence.html.pdf")] // named to render as a page
    [InlineData("report.exe", "report.exe.pdf")] // a real PDF named as a program
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe.pdf")] // right-to-left override: shown as "invoiceexe.pdf"
    [InlineData("合\u200B同\0文本.pdf", "合同文本.pdf")] // zero-width space and NUL
    [InlineData("签到表.PDF", "签到表.PDF")] // already right
    public async Task A_pdf_is_stored_and_served_under_a_name_ending_in_pdf_without_hidden_characters(string uploaded, string stored)
    {
        var info = await UploadAsync(uploaded, TestFiles.Pdf);

        Assert.Equal(stored, info.OriginalName);
        Assert.Equal("application/pdf", info.ContentType);
        var download = await _app.As<DownloadAttachmentHandler>(Roles.Auditor).HandleAsync(info.Id);
        await download.Content.DisposeAsync();
        Assert.Equal(stored, download.FileName);
    }

    [Theory]
    [InlineData("photo.png", "photo.png.jpg")]
    [InlineData("photo.jpeg", "photo.jpeg")]
    public async Task An_image_gets_the_extension_of_its_content(string uploaded, string stored) =>
        Assert.Equal(stored, (await UploadAsync(uploaded, TestFiles.Jpeg)).OriginalName);

    [Fact]
    public async Task A_name_stored_before_the_rule_is_made_safe_on_download()
    {
        var info = await UploadAsync("ok.pdf", TestFiles.Pdf);
        await _app.ExecuteRawSqlAsync($"UPDATE Attachments SET OriginalName = 'old\u202Efdp.exe' WHERE Id = '{info.Id.ToString().ToUpperInvariant()}' OR Id = '{info.Id}';");

        var download = await _app.As<DownloadAttachmentHandler>(Roles.Auditor).HandleAsync(info.Id);
        await download.Content.DisposeAsync();

        Assert.Equal("oldfdp.exe.pdf", download.FileName);
    }

    [Fact]
    public async Task A_zip_bomb_named_docx_is_refused_and_nothing_is_kept()
    {
        var bomb = TestFiles.ZipBomb();
        Assert.True(bomb.Length < 1024 * 1024, "the bomb is small packed");

        var refused = await Assert.ThrowsAsync<DomainException>(() => UploadAsync("总结.docx", bomb));

        Assert.Equal("Attachment.PackageTooLarge", refused.Code);
        await using var db = await _app.DbAsync();
        Assert.Empty(await db.Attachments.ToListAsync());
        Assert.False(Directory.Exists(Path.Combine(_app.Folder, "files")) && Directory.EnumerateFiles(Path.Combine(_app.Folder, "files"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task A_package_of_too_many_parts_is_refused() =>
        Assert.Equal("Attachment.PackageTooLarge", (await Assert.ThrowsAsync<DomainException>(() =>
            UploadAsync("总结.docx", TestFiles.ManyParts(FileTypeSniffer.MaxPackageEntries)))).Code);

    [Fact]
    public async Task A_zip_that_only_has_the_part_names_is_not_an_office_file() =>
        Assert.Equal("Attachment.TypeNotAllowed", (await Assert.ThrowsAsync<DomainException>(() =>
            UploadAsync("总结.docx", TestFiles.ZipBomb(megabytes: 1)))).Code);

    [Fact]
    public async Task A_macro_enabled_document_renamed_docx_is_refused() =>
        Assert.Equal("Attachment.TypeNotAllowed", (await Assert.ThrowsAsync<DomainException>(() => UploadAsync("总结.docx", TestFiles.Docm()))).Code);

    [Fact]
    public async Task Real_office_packages_are_accepted_under_their_extension()
    {
        Assert.Equal("总结.docx", (await UploadAsync("总结.docx", TestFiles.Docx())).OriginalName);
        Assert.Equal("台账.xls.xlsx", (await UploadAsync("台账.xls", TestFiles.Xlsx())).OriginalName);
    }
}
