using System.Text.Json;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Infrastructure.Auditing;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Diqing.Procurement.Infrastructure.Tests.Auditing;

/// <summary>The one-time re-chain of a log written before R-31 (plain SHA-256 chain, no key).</summary>
public sealed class AuditChainUpgradeTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        for (var i = 1; i <= 4; i++)
        {
            await _app.AddAgencyAsync($"机构{i}", AuditInterceptorTests.UsccFor(100 + i));
        }

        await TurnIntoLegacyChainAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_intact_legacy_chain_is_sealed_once_and_the_re_chain_is_an_audit_event()
    {
        var before = await EntriesAsync();

        await UpgradeAsync();
        await UpgradeAsync(); // the second start finds nothing to do

        var after = await EntriesAsync();
        var migrated = Assert.Single(after, e => e.Action == AuditAction.ChainMigrated);
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(before.Select(e => (e.Id, e.UserName, e.Changes)), after.Take(before.Count).Select(e => (e.Id, e.UserName, e.Changes)));
        Assert.All(after, e => Assert.Equal(TestApp.AuditKeyId, e.KeyId));
        using var details = JsonDocument.Parse(migrated.Changes);
        Assert.True(details.RootElement.GetProperty("legacyChainIntact").GetBoolean());
        Assert.Equal(before.Count, details.RootElement.GetProperty("entries").GetInt64());
        Assert.True(await VerifyAsync());

        // Sealed entries are append-only again, for the re-chain too.
        var refused = await Assert.ThrowsAsync<SqliteException>(() => _app.ExecuteRawSqlAsync($"UPDATE AuditEntries SET Mac = '{new string('0', 64)}' WHERE Id = 1;"));
        Assert.Contains("append-only", refused.Message);
    }

    [Fact]
    public async Task A_legacy_chain_that_was_already_tampered_with_is_re_chained_but_the_event_names_the_entry()
    {
        // Tampered before the upgrade (trigger dropped and restored, as a DBA could).
        await _app.ExecuteRawSqlAsync("DROP TRIGGER AuditEntries_NoUpdate;");
        await _app.ExecuteRawSqlAsync("UPDATE AuditEntries SET UserName = 'nobody' WHERE Id = 3;");
        await _app.ExecuteRawSqlAsync(_noUpdateTrigger);

        await UpgradeAsync();

        var migrated = (await EntriesAsync()).Single(e => e.Action == AuditAction.ChainMigrated);
        using var details = JsonDocument.Parse(migrated.Changes);
        Assert.False(details.RootElement.GetProperty("legacyChainIntact").GetBoolean());
        Assert.Equal(3, details.RootElement.GetProperty("firstBrokenLegacyEntryId").GetInt64());
    }

    [Fact]
    public async Task The_trigger_lets_the_re_chain_set_only_the_key_and_macs_of_unsealed_entries()
    {
        var content = await Assert.ThrowsAsync<SqliteException>(() => _app.ExecuteRawSqlAsync("UPDATE AuditEntries SET UserName = 'nobody', KeyId = 'x' WHERE Id = 1;"));
        Assert.Contains("append-only", content.Message);
        var unsealing = await Assert.ThrowsAsync<SqliteException>(() => _app.ExecuteRawSqlAsync("UPDATE AuditEntries SET Mac = Mac WHERE Id = 1;"));
        Assert.Contains("append-only", unsealing.Message);
        Assert.Equal(1, await _app.ExecuteRawSqlAsync($"UPDATE AuditEntries SET KeyId = 'x', Mac = '{new string('1', 64)}' WHERE Id = 1;"));
    }

    private string _noUpdateTrigger = string.Empty;

    /// <summary>Rewrites the log as the code before R-31 wrote it: key id '', SHA-256 chain, head on the last hash.</summary>
    private async Task TurnIntoLegacyChainAsync()
    {
        await using (var connection = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'AuditEntries_NoUpdate'";
            _noUpdateTrigger = (string)(await command.ExecuteScalarAsync())! + ";";
        }

        await _app.ExecuteRawSqlAsync("DROP TRIGGER AuditEntries_NoUpdate;");
        var previous = AuditEntry.GenesisMac;
        foreach (var entry in await EntriesAsync())
        {
            typeof(AuditEntry).GetProperty(nameof(AuditEntry.PreviousMac))!.SetValue(entry, previous);
            var hash = AuditChainUpgrade.LegacyHash(entry);
            await _app.ExecuteRawSqlAsync($"UPDATE AuditEntries SET KeyId = '', PreviousMac = '{previous}', Mac = '{hash}' WHERE Id = {entry.Id};");
            previous = hash;
        }

        await _app.ExecuteRawSqlAsync($"UPDATE AuditChainHeads SET LastMac = '{previous}';");
        await _app.ExecuteRawSqlAsync(_noUpdateTrigger);
    }

    private async Task UpgradeAsync()
    {
        await using var db = await _app.DbAsync();
        await AuditChainUpgrade.RunAsync(db, _app.Services.GetRequiredService<IAuditSeal>(), NullLogger.Instance);
    }

    private async Task<bool> VerifyAsync()
    {
        await using var db = await _app.DbAsync();
        var verification = new AuditChainVerification(_app.Services.GetRequiredService<IAuditSeal>());
        foreach (var entry in await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync())
        {
            verification.Check(entry);
        }

        verification.Complete(await db.AuditChainHeads.AsNoTracking().SingleAsync());
        return verification.IsIntact;
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = await _app.DbAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }
}
