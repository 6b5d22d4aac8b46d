using System.Text.Json;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Auditing;
using Diqing.Procurement.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Infrastructure.Tests.Auditing;

public sealed class AuditInterceptorTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.CreateAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_change_produces_an_entry_with_user_old_and_new_values()
    {
        var agencyId = await _app.AddAgencyAsync(name: "旧名称");

        await using (var scope = _app.Scope(TestApp.Principal(Roles.ProcurementOfficer, userName: "officer1")))
        {
            var db = scope.ServiceProvider.GetRequiredService<Diqing.Procurement.Infrastructure.Persistence.ProcurementDbContext>();
            var agency = await db.Agencies.SingleAsync(a => a.Id == agencyId);
            agency.Phone = "0887-1234567";
            agency.ContactPerson = "卓玛";
            await db.SaveChangesAsync();
        }

        await using var check = await _app.DbAsync();
        var entry = await check.AuditEntries.Where(e => e.EntityType == nameof(Agency) && e.Action == AuditAction.Updated).SingleAsync();
        Assert.Equal("officer1", entry.UserName);
        Assert.Equal(agencyId.ToString(), entry.EntityKey);
        Assert.Equal(DateTimeKind.Utc, entry.OccurredAtUtc.Kind);
        Assert.True(DateTime.UtcNow - entry.OccurredAtUtc < TimeSpan.FromMinutes(1));

        var changes = JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var phone = Assert.Single(changes, c => c.Property == nameof(Agency.Phone));
        Assert.Null(phone.Old is JsonElement { ValueKind: JsonValueKind.Null } ? null : phone.Old);
        Assert.Equal("0887-1234567", ((JsonElement)phone.New!).GetString());
        Assert.Contains(changes, c => c.Property == nameof(Agency.ContactPerson));
        Assert.DoesNotContain(changes, c => c.Property == nameof(Agency.Name));
    }

    [Fact]
    public async Task Created_entity_gets_its_database_generated_key_in_the_entry()
    {
        var agencyId = await _app.AddAgencyAsync();

        await using var db = await _app.DbAsync();
        var created = await db.AuditEntries.SingleAsync(e => e.EntityType == nameof(Agency) && e.Action == AuditAction.Created);
        Assert.Equal(agencyId.ToString(), created.EntityKey);
        Assert.Contains("52533422MJD000001F", created.Changes);
    }

    [Fact]
    public async Task Password_hashes_are_never_written_to_the_log()
    {
        var user = await _app.AddUserAsync("someone", Roles.Judge);

        await using var db = await _app.DbAsync();
        var entries = await db.AuditEntries.Where(e => e.EntityKey == user.Id).ToListAsync();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.DoesNotContain(user.PasswordHash!, e.Changes));
        Assert.Contains(entries, e => e.Changes.Contains("\"***\""));
    }

    [Fact]
    public async Task Updating_an_entry_through_the_application_fails()
    {
        await _app.AddAgencyAsync();
        await using var db = await _app.DbAsync();
        var entry = await db.AuditEntries.FirstAsync();
        db.Entry(entry).Property(e => e.UserName).CurrentValue = "someone-else";

        await Assert.ThrowsAsync<AuditLogAppendOnlyException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Deleting_an_entry_through_the_application_fails()
    {
        await _app.AddAgencyAsync();
        await using var db = await _app.DbAsync();
        db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());

        await Assert.ThrowsAsync<AuditLogAppendOnlyException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Bulk_update_or_delete_that_bypasses_the_change_tracker_is_refused_by_the_database()
    {
        await _app.AddAgencyAsync();
        var before = await CountEntriesAsync();
        await using var db = await _app.DbAsync();

        await Assert.ThrowsAsync<SqliteException>(() => db.AuditEntries.ExecuteUpdateAsync(s => s.SetProperty(e => e.UserName, "x")));
        await Assert.ThrowsAsync<SqliteException>(() => db.AuditEntries.ExecuteDeleteAsync());
        Assert.Equal(before, await db.AuditEntries.LongCountAsync());
        Assert.DoesNotContain(await db.AuditEntries.Select(e => e.UserName).ToListAsync(), n => n == "x");
    }

    [Fact]
    public async Task A_failed_save_leaves_neither_the_change_nor_an_entry()
    {
        await _app.AddAgencyAsync(uscc: "52533422MJD000001F");
        var before = await CountEntriesAsync();

        await using (var db = await _app.DbAsync())
        {
            db.Agencies.Add(new Agency("重复", "52533422MJD000001F", County.Weixi));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(before, await CountEntriesAsync());
        await using var check = await _app.DbAsync();
        Assert.Equal(1, await check.Agencies.CountAsync());
        var head = await check.AuditChainHeads.SingleAsync();
        Assert.Equal(before, head.LastEntryId);
    }

    [Fact]
    public async Task Concurrent_writers_build_one_unbroken_chain()
    {
        const int writers = 24;
        var before = await CountEntriesAsync();
        await Task.WhenAll(Enumerable.Range(1, writers).Select(async i =>
        {
            await using var db = await _app.DbAsync();
            db.Agencies.Add(new Agency($"机构{i}", UsccFor(i), County.ShangriLa));
            await db.SaveChangesAsync();
        }));

        await using var check = await _app.DbAsync();
        var entries = await check.AuditEntries.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(before + writers, entries.Count);
        Assert.Equal(writers, entries.Count(e => e.EntityType == nameof(Agency)));
        var verification = new AuditChainVerification();
        Assert.All(entries, e => Assert.True(verification.Check(e)));
        verification.Complete(await check.AuditChainHeads.SingleAsync());
        Assert.True(verification.IsIntact);
    }

    private async Task<long> CountEntriesAsync()
    {
        await using var db = await _app.DbAsync();
        return await db.AuditEntries.LongCountAsync();
    }

    internal static string UsccFor(int i)
    {
        var first17 = $"52533401MJD{i:D6}";
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }
}
