using BenchmarkDotNet.Attributes;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;

namespace Diqing.Procurement.Benchmarks;

/// <summary>The audit page's queries on a log of one million entries (SQLite file).</summary>
[MemoryDiagnoser]
public class AuditLogBenchmarks
{
    public const int EntryCount = 1_000_000;
    private static readonly DateTime Start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] UserNames = Enumerable.Range(0, 100).Select(i => $"user{i:D3}").ToArray();
    private static readonly string[] EntityTypes = ["Agency", "FundingSource", "PurchaseContract", "Milestone", "Disbursement", "ApplicationUser"];

    private TestApp _app = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _app = await TestApp.CreateAsync();
        await FillAsync(_app.DatabasePath, _app.Services.GetRequiredService<IAuditSeal>());
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _app.DisposeAsync();

    private SearchAuditLogHandler Search => _app.As<SearchAuditLogHandler>(Roles.Auditor);

    [Benchmark(Description = "first page, no filter")]
    public Task<int> FirstPage() => CountAsync(new AuditLogFilter());

    [Benchmark(Description = "one user (1 % of entries)")]
    public Task<int> OneUser() => CountAsync(new AuditLogFilter { UserName = "user042" });

    [Benchmark(Description = "one China day")]
    public Task<int> OneDay() => CountAsync(new AuditLogFilter
    {
        FromUtc = ChinaTime.StartOfDayUtc(new DateOnly(2025, 6, 1)),
        ToUtc = ChinaTime.StartOfDayUtc(new DateOnly(2025, 6, 2)),
    });

    [Benchmark(Description = "entity type (1/6 of entries)")]
    public Task<int> EntityOnly() => CountAsync(new AuditLogFilter { EntityType = "Milestone" });

    [Benchmark(Description = "entity type + action")]
    public Task<int> EntityAndAction() => CountAsync(new AuditLogFilter { EntityType = "Disbursement", Action = AuditAction.Created });

    [Benchmark(Description = "page 10,000 of 20, no filter")]
    public async Task<int> DeepPage() =>
        (await Search.HandleAsync(new SearchAuditLogQuery { Page = 10_000, PageSize = 20 })).Items.Count;

    private async Task<int> CountAsync(AuditLogFilter filter) =>
        (await Search.HandleAsync(new SearchAuditLogQuery { Filter = filter, PageSize = 50 })).Items.Count;

    /// <summary>Appends a realistic, correctly chained log straight into the migrated database.</summary>
    internal static async Task FillAsync(string databasePath, IAuditSeal seal, int entryCount = EntryCount)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO AuditEntries (Id, OccurredAtUtc, UserId, UserName, Action, EntityType, EntityKey, Changes, KeyId, PreviousMac, Mac)
            VALUES ($id, $at, $userId, $user, $action, $type, $key, $changes, $keyId, $prev, $mac)
            """;
        var parameters = new[] { "$id", "$at", "$userId", "$user", "$action", "$type", "$key", "$changes", "$keyId", "$prev", "$mac" }
            .Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();

        // Continue the chain the test database already has (its roles were audited when created).
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT LastEntryId, LastMac FROM AuditChainHeads";
        long first;
        string previous;
        await using (var reader = await read.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            first = reader.GetInt64(0) + 1;
            previous = reader.GetString(1);
        }

        var random = new Random(7);
        for (var id = first; id < first + entryCount; id++)
        {
            var user = UserNames[random.Next(UserNames.Length)];
            var entry = new AuditEntry(
                id, Start.AddSeconds(id * 30), "id-" + user, user,
                random.Next(10) == 0 ? AuditAction.Created : AuditAction.Updated,
                EntityTypes[random.Next(EntityTypes.Length)], random.Next(1, 5000).ToString(),
                $$"""[{"property":"Amount","old":{{random.Next(100000)}}.00,"new":{{random.Next(100000)}}.00}]""", previous, seal);
            object?[] values = [entry.Id, entry.OccurredAtUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF"), entry.UserId, entry.UserName,
                entry.Action.ToString(), entry.EntityType, entry.EntityKey, entry.Changes, entry.KeyId, entry.PreviousMac, entry.Mac];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync();
            previous = entry.Mac;
        }

        await using var head = connection.CreateCommand();
        head.Transaction = transaction;
        head.CommandText = "UPDATE AuditChainHeads SET LastEntryId = (SELECT MAX(Id) FROM AuditEntries), LastMac = $mac, Version = Version + 1";
        head.Parameters.AddWithValue("$mac", previous);
        await head.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        await analyze.ExecuteNonQueryAsync();
    }
}
