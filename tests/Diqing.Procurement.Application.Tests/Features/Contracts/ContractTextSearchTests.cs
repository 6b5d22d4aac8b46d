using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Contracts;

/// <summary>
/// The contract list's text search uses SQLite's trigram index for terms of three or more characters and compares in
/// the rows for shorter ones; either way it must find exactly the contracts a plain ordinal substring scan finds.
/// </summary>
public sealed class ContractTextSearchTests : IAsyncLifetime
{
    private static readonly string[] Titles =
    [
        "精神障碍社区康复服务项目", "独居老人康乐屋", "困难群众骨病救助", "ABC康复服务（一期）", "abc 小写项目", "他说\"好\"的项目",
        "བོད་ཡིག་སློབ་གསོ། 藏文培训", "𠀋字测试（扩展B）", "百分号 100% 与下划线 a_b", "Lisu ꓡꓲ-ꓢꓴ 傈僳族服务", "社区康复", "康复",
    ];

    private static readonly string[] Terms =
    [
        "康复服务", "康复", "康", "复服", "ABC", "abc", "Abc", "\"好\"", "说\"", "藏文", "སློབ", "𠀋字", "𠀋", "100%", "%", "a_b", "_",
        "ꓡꓲ", "DQMZ-", "-000", "社会工作", "香格里拉", "不存在的词", "项目", "（", "服务中心",
    ];

    private TestApp _app = null!;
    private readonly List<(int Id, string Title, int AgencyId)> _contracts = [];
    private readonly Dictionary<int, string> _agencies = [];

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _agencies[await _app.AddAgencyAsync("德钦县社会工作服务中心", "52533422MJD000001F")] = "德钦县社会工作服务中心";
        _agencies[await _app.AddAgencyAsync("香格里拉 ABC 服务中心", "52533401MJD0000025")] = "香格里拉 ABC 服务中心";
        var draft = _app.As<SaveContractDraftHandler>(Roles.ProcurementOfficer);
        for (var i = 0; i < Titles.Length; i++)
        {
            var command = ContractScenario.Draft(_agencies.Keys.ElementAt(i % 2), 10_000m);
            command.Title = Titles[i];
            _contracts.Add((await draft.HandleAsync(command), Titles[i], command.AgencyId!.Value));
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

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
        await _app.As<SaveContractDraftHandler>(Roles.ProcurementOfficer).HandleAsync(command);
        Assert.Equal([id], await SearchAsync("彩虹儿童"));
        Assert.Empty(await SearchAsync("康乐屋"));

        // A writer other than the app (a DBA's script) keeps the index too: the triggers do it.
        await _app.ExecuteRawSqlAsync($"DELETE FROM Contracts WHERE Id = {id}");
        Assert.Empty(await SearchAsync("彩虹儿童"));
    }

    [Fact]
    public async Task The_search_index_and_its_triggers_exist_after_the_migrations()
    {
        // A later migration that rebuilds Contracts (SQLite's way to alter a column) drops the triggers: it must
        // re-create them (ContractSearch.CreateTriggers) and rebuild the index, or searches miss new contracts.
        await using var db = await _app.DbAsync();
        var objects = await db.Database.SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE name LIKE 'Contract%Search%' ORDER BY name").ToListAsync();
        Assert.Equal(["ContractSearch", "Contracts_Search_Delete", "Contracts_Search_Insert", "Contracts_Search_Update"], objects.Where(o => !o.StartsWith("ContractSearch_", StringComparison.Ordinal)));
    }

    private async Task<IEnumerable<int>> SearchAsync(string term)
    {
        var page = await _app.As<ListContractsHandler>(Roles.ProcurementOfficer)
            .HandleAsync(new ListContractsQuery { Search = term, PageSize = Application.Common.PagedQuery.MaxPageSize });
        Assert.Equal(page.Items.Count, page.TotalCount);
        return page.Items.Select(r => r.Id).Order().ToList();
    }

    private async Task<Dictionary<int, string>> NumbersAsync()
    {
        await using var db = await _app.DbAsync();
        return await db.Contracts.ToDictionaryAsync(c => c.Id, c => c.Number);
    }
}
