using System.Security.Cryptography;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Files;
using Diqing.Procurement.Infrastructure.Operations;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Infrastructure.Tests.Operations;

public sealed class BackupArchiveTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj\n<< >>\nendobj\n"u8.ToArray();

    private static BackupLocations Locations(TestDatabase database, string? checkpoints) =>
        new(database.Options, database.Folder, Path.Combine(database.Folder, "files"), checkpoints);

    [Theory]
    [ClassData(typeof(DatabaseProviders))]
    public async Task A_backup_restored_into_an_empty_place_has_the_same_data_files_checkpoints_and_an_intact_audit_chain(DatabaseProvider provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var contract = await new ContractScenario(app).SignedAsync(await app.AddAgencyAsync(), 50_000m);
        var attachment = await app.As<AttachContractDocumentsHandler>(Roles.ProcurementOfficer).UploadAsync(contract.ContractId, "合同文本.pdf", new MemoryStream(Pdf));
        await using (var scope = app.Scope())
        {
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteAsync());
        }

        var checkpoints = app.CheckpointFolder;
        var checkpointFile = Directory.GetFiles(checkpoints).Single();
        var archive = Path.Combine(app.Folder, "backup.tar.gz");

        var written = await BackupArchive.CreateAsync(Locations(app.Database, checkpoints), archive);

        await using var empty = await TestDatabase.CreateAsync(provider);
        var restoredCheckpoints = Path.Combine(empty.Folder, "checkpoints");
        var restored = await BackupArchive.RestoreAsync(archive, Locations(empty, restoredCheckpoints));
        await using var copy = await TestApp.OpenAsync(empty, app.AuditOptionsFor(empty.Folder));

        Assert.Equal((provider, 1, 1), (written.Provider, written.Files, written.Checkpoints));
        Assert.Equal(written, restored);
        await using var before = await app.DbAsync();
        await using var after = await copy.DbAsync();
        Assert.Equal(await Summary(before), await Summary(after));
        var entries = await after.AuditEntries.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(await before.AuditEntries.CountAsync(), entries.Count);
        var verification = new AuditChainVerification(copy.Services.GetRequiredService<IAuditSeal>());
        Assert.All(entries, e => Assert.True(verification.Check(e)));
        verification.Complete(await after.AuditChainHeads.SingleAsync());
        Assert.True(verification.IsIntact);

        var stored = await after.Attachments.SingleAsync(a => a.Id == attachment.Id);
        await using (var bytes = copy.Services.GetRequiredService<IFileStore>().OpenRead(stored.StorageKey))
        {
            Assert.Equal(stored.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(bytes)));
        }

        Assert.Equal(await File.ReadAllTextAsync(checkpointFile), await File.ReadAllTextAsync(Path.Combine(restoredCheckpoints, Path.GetFileName(checkpointFile))));
        Assert.Equal(copy.CheckpointFolder, restoredCheckpoints);
        await Assert.ThrowsAsync<InvalidOperationException>(() => BackupArchive.RestoreAsync(archive, Locations(empty, restoredCheckpoints)));
    }

    private static async Task<string> Summary(ProcurementDbContext db) => string.Join(" | ",
        string.Join(",", await db.Agencies.OrderBy(a => a.Id).Select(a => a.Name).ToListAsync()),
        string.Join(",", await db.Contracts.OrderBy(c => c.Id).Select(c => c.Number + ":" + c.Status).ToListAsync()),
        string.Join(",", (await db.Allocations.OrderBy(a => a.Id).Select(a => a.Amount).ToListAsync()).Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        string.Join(",", await db.Users.OrderBy(u => u.UserName).Select(u => u.UserName).ToListAsync()),
        string.Join(",", await db.Attachments.OrderBy(a => a.OriginalName).Select(a => a.OriginalName + ":" + a.Sha256).ToListAsync()));
}
