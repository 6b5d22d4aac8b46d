using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Audit;

public sealed class VerifyAuditChainTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        for (var i = 1; i <= 3; i++)
        {
            await _app.AddAgencyAsync($"机构{i}", Uscc(i));
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Auditor)]
    public async Task Untouched_log_verifies(string role)
    {
        var report = await _app.As<VerifyAuditChainHandler>(role).HandleAsync();
        Assert.True(report.IsIntact);
        Assert.True(report.CheckedCount >= 3);
    }

    [Fact]
    public async Task An_edit_made_directly_in_the_database_is_detected_at_that_entry()
    {
        // A DBA can drop the append-only trigger; the MAC chain still exposes the edit.
        await _app.ExecuteRawSqlAsync("DROP TRIGGER AuditEntries_NoUpdate;");
        var edited = await _app.ExecuteRawSqlAsync(
            "UPDATE AuditEntries SET UserName = 'nobody' WHERE Id = (SELECT Id FROM AuditEntries WHERE EntityType = 'Agency' ORDER BY Id LIMIT 1 OFFSET 1);");
        Assert.Equal(1, edited);

        var report = await _app.As<VerifyAuditChainHandler>(Roles.Auditor).HandleAsync();

        await using var db = await _app.DbAsync();
        var secondAgencyEntry = db.AuditEntries.Where(e => e.EntityType == "Agency").OrderBy(e => e.Id).Skip(1).First().Id;
        Assert.False(report.IsIntact);
        Assert.Equal(secondAgencyEntry, report.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.ContentAltered, report.Break);
    }

    [Fact]
    public async Task A_row_deleted_directly_in_the_database_is_detected()
    {
        await _app.ExecuteRawSqlAsync("DROP TRIGGER AuditEntries_NoDelete;");
        await _app.ExecuteRawSqlAsync("DELETE FROM AuditEntries WHERE Id = 2;");

        var report = await _app.As<VerifyAuditChainHandler>(Roles.Administrator).HandleAsync();

        Assert.Equal(2, report.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.MissingEntry, report.Break);
    }

    [Fact]
    public async Task An_edit_with_a_recomputed_plain_hash_chain_is_detected_at_the_edited_entry()
    {
        // The outside tester's attack: edit entry N with raw SQL, then recompute every later link as SHA-256 (no key needed
        // before R-31) and move the head. Without the audit key no recomputation matches the MAC.
        await using var db = await _app.DbAsync();
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        var edited = entries[entries.Count / 2].Id;
        await _app.ExecuteRawSqlAsync("DROP TRIGGER AuditEntries_NoUpdate;");
        await _app.ExecuteRawSqlAsync($"UPDATE AuditEntries SET UserName = 'nobody' WHERE Id = {edited};");
        var previous = entries.Single(e => e.Id == edited - 1).Mac;
        foreach (var id in entries.Select(e => e.Id).Where(id => id >= edited))
        {
            await using var read = await _app.DbAsync();
            var entry = await read.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == id);
            typeof(AuditEntry).GetProperty(nameof(AuditEntry.PreviousMac))!.SetValue(entry, previous);
            var hash = Convert.ToHexStringLower(SHA256.HashData(entry.Content()));
            await _app.ExecuteRawSqlAsync($"UPDATE AuditEntries SET PreviousMac = '{previous}', Mac = '{hash}' WHERE Id = {id};");
            previous = hash;
        }

        await _app.ExecuteRawSqlAsync($"UPDATE AuditChainHeads SET LastMac = '{previous}';");

        var report = await _app.As<VerifyAuditChainHandler>(Roles.Auditor).HandleAsync();

        Assert.False(report.IsIntact);
        Assert.Equal(edited, report.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.ContentAltered, report.Break);
    }

    [Fact]
    public async Task A_row_inserted_past_the_head_is_named_as_outside_the_chain()
    {
        var head = await HeadAsync();
        await _app.ExecuteRawSqlAsync(
            "INSERT INTO AuditEntries (Id, OccurredAtUtc, UserId, UserName, Action, EntityType, EntityKey, Changes, KeyId, PreviousMac, Mac) " +
            $"VALUES ({head.LastEntryId + 1}, '2026-12-01 00:00:00', 'x', 'admin', 'Deleted', 'Agency', '1', '[]', '{TestApp.AuditKeyId}', '{head.LastMac}', '{new string('0', 64)}');");

        var report = await _app.As<VerifyAuditChainHandler>(Roles.Auditor).HandleAsync();

        Assert.Equal(head.LastEntryId + 1, report.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.OutsideChain, report.Break);
    }

    [Fact]
    public async Task A_row_inserted_with_the_head_moved_onto_it_has_no_valid_mac()
    {
        var head = await HeadAsync();
        var forged = new string('f', 64);
        await _app.ExecuteRawSqlAsync(
            "INSERT INTO AuditEntries (Id, OccurredAtUtc, UserId, UserName, Action, EntityType, EntityKey, Changes, KeyId, PreviousMac, Mac) " +
            $"VALUES ({head.LastEntryId + 1}, '2026-12-01 00:00:00', 'x', 'admin', 'Deleted', 'Agency', '1', '[]', '{TestApp.AuditKeyId}', '{head.LastMac}', '{forged}');");
        await _app.ExecuteRawSqlAsync($"UPDATE AuditChainHeads SET LastEntryId = LastEntryId + 1, LastMac = '{forged}';");

        var report = await _app.As<VerifyAuditChainHandler>(Roles.Auditor).HandleAsync();

        Assert.Equal(head.LastEntryId + 1, report.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.ContentAltered, report.Break);
    }

    [Fact]
    public async Task A_deleted_tail_with_the_head_moved_back_is_detected_by_the_checkpoint()
    {
        var checkpoint = await _app.Scope().ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteAsync();
        Assert.NotNull(checkpoint);
        Assert.Single(Directory.GetFiles(_app.CheckpointFolder, "*.json"));
        var head = await HeadAsync();
        Assert.Equal(head.LastEntryId, checkpoint.Sequence);

        // An insider removes the last two entries and makes the head point at what is left: the chain itself is consistent.
        var keep = head.LastEntryId - 2;
        await using (var db = await _app.DbAsync())
        {
            var newLast = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == keep);
            await _app.ExecuteRawSqlAsync("DROP TRIGGER AuditEntries_NoDelete;");
            await _app.ExecuteRawSqlAsync($"DELETE FROM AuditEntries WHERE Id > {keep};");
            await _app.ExecuteRawSqlAsync($"UPDATE AuditChainHeads SET LastEntryId = {keep}, LastMac = '{newLast.Mac}';");
        }

        var report = await _app.As<VerifyAuditChainHandler>(Roles.Auditor).HandleAsync();

        Assert.Equal(AuditChainBreak.TailDeleted, report.Break);
        Assert.Equal(keep + 1, report.FirstBrokenEntryId);
        Assert.Equal(checkpoint, report.Checkpoint);

        // And no fresh checkpoint is written over the cut-back chain.
        Assert.Null(await _app.Scope().ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteAsync());
        Assert.Single(Directory.GetFiles(_app.CheckpointFolder, "*.json"));
    }

    [Fact]
    public async Task The_daily_checkpoint_is_written_once_a_day_and_verification_compares_with_it()
    {
        var checkpoints = _app.Scope().ServiceProvider.GetRequiredService<AuditCheckpoints>();
        Assert.NotNull(await checkpoints.WriteDailyAsync());
        Assert.Null(await checkpoints.WriteDailyAsync());
        await _app.AddAgencyAsync("机构9", Uscc(9));

        var report = await _app.As<VerifyAuditChainHandler>(Roles.Auditor).HandleAsync();

        Assert.True(report.IsIntact);
        Assert.NotNull(report.Checkpoint);
        Assert.True(report.Checkpoint.Sequence < report.CheckedCount);
    }

    [Fact]
    public async Task A_forged_checkpoint_is_named()
    {
        var checkpoint = await _app.Scope().ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteAsync();
        var file = Directory.GetFiles(_app.CheckpointFolder, "*.json").Single();
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace($"\"sequence\": {checkpoint!.Sequence}", "\"sequence\": 1", StringComparison.Ordinal));

        var report = await _app.As<VerifyAuditChainHandler>(Roles.Auditor).HandleAsync();

        Assert.Equal(AuditChainBreak.CheckpointInvalid, report.Break);
    }

    [Theory]
    [InlineData(Roles.ProcurementOfficer)]
    [InlineData(Roles.FinanceOfficer)]
    [InlineData(Roles.AgencyUser)]
    [InlineData(Roles.Judge)]
    public async Task Other_roles_may_not_verify(string role) =>
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<VerifyAuditChainHandler>(role).HandleAsync());

    private async Task<AuditChainHead> HeadAsync()
    {
        await using var db = await _app.DbAsync();
        return await db.AuditChainHeads.AsNoTracking().SingleAsync();
    }

    internal static string Uscc(int i)
    {
        var first17 = $"52533423MJD{i:D6}";
        return first17 + Domain.Agencies.UnifiedSocialCreditCode.CheckCharacter(first17);
    }
}
