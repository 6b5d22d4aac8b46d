using System.Data.Common;
using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Contracts;

/// <summary>
/// The contract list's text search answers from an index (SQLite: trigrams for 3+ characters, grams for 1-2; PostgreSQL:
/// pg_trgm); whichever way, it must find exactly the contracts a plain ordinal substring scan finds, on each provider.
/// </summary>
public abstract class ContractTextSearchTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly string[] Titles =
    [
        "精神障碍社区康复服务项目", "独居老人康乐屋", "困难群众骨病救助", "ABC康复服务（一期）", "abc 小写项目", "他说\"好\"的项目",
        "བོད་ཡིག་སློབ་གསོ། 藏文培训", "𠀋字测试（扩展B）", "百分号 100% 与下划线 a_b", "Lisu ꓡꓲ-ꓢꓴ 傈僳族服务", "社区康复", "康复",
        "儿童之家", "留守儿童关爱", "童", "路径 C:\\temp 与反斜杠", "A", "𠀋",
    ];

    protected static IReadOnlyList<string> SearchTerms => Terms;

    private static readonly string[] Terms =
    [
        "康复服务", "康复", "康", "复服", "ABC", "abc", "Abc", "\"好\"", "说\"", "\"", "藏文", "སློབ", "𠀋字", "𠀋", "100%", "%", "a_b", "_",
        "ꓡꓲ", "DQMZ-", "-000", "社会工作", "香格里拉", "不存在的词", "项目", "（", "服务中心", "儿童", "童", "儿", "童之", "A", "a", "AB",
        "0", "00", "-0", "\\", "C:\\", "\\t", "%1", "b_", "服",
    ];

    protected TestApp App { get; private set; } = null!;

    private readonly List<(int Id, string Title, int AgencyId)> _contracts = [];
    private readonly Dictionary<int, string> _agencies = [];

    public async Task InitializeAsync()
    {
        App = await TestApp.CreateAsync(provider);
        _agencies[await App.AddAgencyAsync("德钦县社会工作服务中心", "52533422MJD000001F")] = "德钦县社会工作服务中心";
        _agencies[await App.AddAgencyAsync("香格里拉 ABC 服务中心", "52533401MJD0000025")] = "香格里拉 ABC 服务中心";
        var draft = App.As<SaveContractDraftHandler>(Roles.ProcurementOfficer);
        for (var i = 0; i < Titles.Length; i++)
        {
            var command = ContractScenario.Draft(_agencies.Keys.ElementAt(i % 2), 10_000m);
            command.Title = Titles[i];
            _contracts.Add((await draft.HandleAsync(command), Titles[i], command.AgencyId!.Value));
        }
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>The provider's statement deleting one contract, as a DBA would write it.</summary>
    protected abstract string DeleteContractSql(int id);

    [Fact]
    public async Task Every_term_finds_exactly_what_an_ordinal_scan_finds()
    {
        var numbers = await NumbersAsync();
        foreach (var term in Terms)
        {
            var expected = _contracts
                .Where(c => c.Title.Contains(term, StringComparison.Ordinal) || numbers[c.Id].Contains(term, StringComparison.Ordinal)
                    || _agencies[c.AgencyId].Contains(term, StringComparison.Ordinal))
                .Select(c => c.Id).Order();
            Assert.True(expected.SequenceEqual(await SearchAsync(term)), $"Search for \"{term}\" differs from the scan.");
        }
    }

    [Fact]
    public async Task The_index_follows_a_renamed_and_a_deleted_contract()
    {
        var (id, _, agencyId) = _contracts[1];
        var command = ContractScenario.Draft(agencyId, 10_000m);
        command.Id = id;
        command.Title = "雪域彩虹儿童关爱";
        await App.As<SaveContractDraftHandler>(Roles.ProcurementOfficer).HandleAsync(command);
        Assert.Equal([id], await SearchAsync("彩虹儿童"));
        Assert.Equal([id], await SearchAsync("彩虹"));
        Assert.Equal([id], await SearchAsync("虹"));
        Assert.Empty(await SearchAsync("康乐屋"));
        Assert.Empty(await SearchAsync("乐屋"));
        Assert.Empty(await SearchAsync("屋"));

        // A writer other than the app (a DBA's script) keeps the index too: the triggers do it.
        await App.ExecuteRawSqlAsync(DeleteContractSql(id));
        Assert.Empty(await SearchAsync("彩虹儿童"));
        Assert.Empty(await SearchAsync("彩虹"));
        Assert.Empty(await SearchAsync("虹"));
    }

    protected static async Task<List<int>> PageIdsAsync(ProcurementDbContext db, ListContractsQuery query, bool walk) =>
        await ListContractsHandler.Sort(ListContractsHandler.Filter(db, db.Contracts.AsNoTracking(), query, walk), query.Sort, db)
            .Take(PagedQuery.MaxPageSize).Select(c => c.Id).ToListAsync();

    protected async Task<IEnumerable<int>> SearchAsync(string term)
    {
        var page = await App.As<ListContractsHandler>(Roles.ProcurementOfficer)
            .HandleAsync(new ListContractsQuery { Search = term, PageSize = PagedQuery.MaxPageSize });
        Assert.Equal(page.Items.Count, page.TotalCount);
        return page.Items.Select(r => r.Id).Order().ToList();
    }

    /// <summary>The plan the database would run the statement of <paramref name="query"/> with, one line per step.</summary>
    protected static async Task<List<string>> PlanAsync(ProcurementDbContext db, IQueryable query, string explain, int column)
    {
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = query.CreateDbCommand();
        command.CommandText = explain + command.CommandText;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(column));
        }

        return lines;
    }

    private async Task<Dictionary<int, string>> NumbersAsync()
    {
        await using var db = await App.DbAsync();
        return await db.Contracts.ToDictionaryAsync(c => c.Id, c => c.Number);
    }
}

public sealed class SqliteContractTextSearchTests() : ContractTextSearchTests(DatabaseProvider.Sqlite)
{
    protected override string DeleteContractSql(int id) => $"DELETE FROM Contracts WHERE Id = {id}";

    // The walk is SQLite's (ListContractsHandler.WalkFrom); other providers ignore it.
    [Fact]
    public async Task Walking_the_sort_order_finds_the_same_page_as_looking_the_matches_up()
    {
        await using var db = await App.DbAsync();
        foreach (var term in SearchTerms)
        {
            foreach (var sort in Enum.GetValues<ContractSort>())
            {
                var query = new ListContractsQuery { Search = term, Sort = sort, FundingKind = null };
                var looked = await PageIdsAsync(db, query, walk: false);
                var walked = await PageIdsAsync(db, query, walk: true);
                Assert.True(looked.SequenceEqual(walked), $"Search for \"{term}\" sorted {sort}: the walk gives another page.");
            }
        }
    }

    [Fact]
    public async Task The_search_indexes_and_their_triggers_exist_after_the_migrations()
    {
        // A later migration that rebuilds Contracts (SQLite's way to alter a column) drops the triggers: it must
        // re-create them (ContractSearch.CreateTriggers, ContractSearchShortTerms.CreateTriggers) and refill the indexes.
        await using var db = await App.DbAsync();
        var objects = await db.Database.SqlQuery<string>(
            $"SELECT name AS Value FROM sqlite_master WHERE name LIKE 'Contract%Search%' OR name LIKE 'Contracts_Grams%' ORDER BY name").ToListAsync();
        Assert.Equal(
            ["ContractSearch", "ContractSearchGrams", "Contracts_Grams_Delete", "Contracts_Grams_Insert", "Contracts_Grams_Update",
             "Contracts_Search_Delete", "Contracts_Search_Insert", "Contracts_Search_Update"],
            objects.Where(o => !o.StartsWith("ContractSearch_", StringComparison.Ordinal) && !o.StartsWith("sqlite_autoindex", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("童"), InlineData("儿童"), InlineData("康复服务")]
    public async Task A_search_is_an_index_lookup_and_never_a_scan_of_the_contracts(string term)
    {
        await using var db = await App.DbAsync();
        var query = ListContractsHandler.Filter(db, db.Contracts.AsNoTracking(), new ListContractsQuery { Search = term }).Select(c => c.Id);
        var plan = await PlanAsync(db, query, "EXPLAIN QUERY PLAN ", 3);
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN c", StringComparison.Ordinal) || step.StartsWith("SCAN Contracts", StringComparison.Ordinal));
        Assert.Contains(plan, step => term.EnumerateRunes().Count() < 3
            ? step.Contains("ContractSearchGrams USING PRIMARY KEY (Gram=?)", StringComparison.Ordinal)
            : step.Contains("ContractSearch VIRTUAL TABLE INDEX", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_walked_page_goes_along_the_sort_order_index_without_sorting()
    {
        await using var db = await App.DbAsync();
        var query = ListContractsHandler.Sort(
            ListContractsHandler.Filter(db, db.Contracts.AsNoTracking(), new ListContractsQuery { Search = "童" }, walk: true),
            ContractSort.NumberDescending, db).Take(20).Select(c => c.Id);
        var plan = await PlanAsync(db, query, "EXPLAIN QUERY PLAN ", 3);
        Assert.Contains(plan, step => step.Contains("IX_Contracts_Year_SequenceNumber", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }
}

public sealed class PostgreSqlContractTextSearchTests() : ContractTextSearchTests(DatabaseProvider.PostgreSql)
{
    protected override string DeleteContractSql(int id) => $"DELETE FROM \"Contracts\" WHERE \"Id\" = {id}";

    [Fact]
    public async Task A_search_of_three_or_more_characters_can_use_the_trigram_indexes()
    {
        // Eighteen rows make a scan the cheaper plan; with scans priced out the planner shows whether the index serves.
        await using var db = await App.DbAsync();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        var query = ListContractsHandler.Filter(db, db.Contracts.AsNoTracking(), new ListContractsQuery { Search = "康复服务" }).Select(c => c.Id);
        var plan = string.Join("\n", await PlanAsync(db, query, "EXPLAIN ", 0));
        Assert.Contains("IX_Contracts_Title_Trigrams", plan, StringComparison.Ordinal);
        Assert.Contains("IX_Contracts_Number_Trigrams", plan, StringComparison.Ordinal);
    }
}
