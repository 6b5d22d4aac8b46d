using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Audit;

public sealed class SearchAuditLogTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        for (var i = 1; i <= 5; i++)
        {
            await using var scope = _app.Scope(TestApp.Principal(Roles.ProcurementOfficer, userName: i % 2 == 0 ? "even" : "odd"));
            var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.ProcurementDbContext>();
            db.Agencies.Add(new Domain.Agencies.Agency($"机构{i}", VerifyAuditChainTests.Uscc(i), Domain.Agencies.County.Weixi));
            await db.SaveChangesAsync();
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private SearchAuditLogHandler Handler => _app.As<SearchAuditLogHandler>(Roles.Auditor);

    [Fact]
    public async Task Filters_by_user_entity_and_action_newest_first()
    {
        var result = await Handler.HandleAsync(new SearchAuditLogQuery
        {
            Filter = new AuditLogFilter { UserName = "odd", EntityType = "Agency", Action = AuditAction.Created },
        });

        Assert.Equal(3, result.TotalCount);
        Assert.All(result.Items, e => Assert.Equal("odd", e.UserName));
        Assert.Equal(result.Items.Select(e => e.Id).OrderByDescending(id => id), result.Items.Select(e => e.Id));
    }

    [Fact]
    public async Task Pages_on_the_server()
    {
        var first = await Handler.HandleAsync(new SearchAuditLogQuery { Filter = new AuditLogFilter { EntityType = "Agency" }, Page = 0, PageSize = 2 });
        var third = await Handler.HandleAsync(new SearchAuditLogQuery { Filter = new AuditLogFilter { EntityType = "Agency" }, Page = 2, PageSize = 2 });

        Assert.Equal(5, first.TotalCount);
        Assert.Equal(2, first.Items.Count);
        Assert.Single(third.Items);
        Assert.True(first.Items[0].Id > third.Items[0].Id);
    }

    [Fact]
    public async Task Unfiltered_total_counts_every_entry()
    {
        await using var db = await _app.DbAsync();
        var expected = await db.AuditEntries.CountAsync();

        var result = await Handler.HandleAsync(new SearchAuditLogQuery { PageSize = 3 });

        Assert.Equal(expected, result.TotalCount);
        Assert.Equal(3, result.Items.Count);
    }

    [Fact]
    public async Task Unfiltered_pages_seek_by_chain_position_and_match_offset_paging()
    {
        await using var db = await _app.DbAsync();
        var expected = await db.AuditEntries.OrderByDescending(e => e.Id).Skip(3).Take(3).Select(e => e.Id).ToListAsync();

        var second = await Handler.HandleAsync(new SearchAuditLogQuery { Page = 1, PageSize = 3 });

        Assert.Equal(expected, second.Items.Select(e => e.Id));
        Assert.False(second.TotalIsLowerBound);
    }

    [Fact]
    public async Task A_filtered_count_stops_at_the_limit_and_says_so()
    {
        // Appended as raw rows (the chain is not the point here); the head keeps the unfiltered count right.
        await _app.ExecuteRawSqlAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {PagedQuery.CountLimit + 1})
            INSERT INTO AuditEntries (Id, OccurredAtUtc, UserName, Action, EntityType, EntityKey, Changes, KeyId, PreviousMac, Mac)
            SELECT (SELECT LastEntryId FROM AuditChainHeads) + i, '2026-01-01 00:00:00', 'bulk', 'Updated', 'Bulk', CAST(i AS TEXT), '[]', 'test-1',
                   printf('%064d', 0), printf('%064d', 0)
            FROM n;
            UPDATE AuditChainHeads SET LastEntryId = (SELECT MAX(Id) FROM AuditEntries);
            """);

        var bulk = await Handler.HandleAsync(new SearchAuditLogQuery { Filter = new AuditLogFilter { EntityType = "Bulk" } });
        var agencies = await Handler.HandleAsync(new SearchAuditLogQuery { Filter = new AuditLogFilter { EntityType = "Agency" } });

        Assert.Equal((PagedQuery.CountLimit, true), (bulk.TotalCount, bulk.TotalIsLowerBound));
        Assert.Equal((5, false), (agencies.TotalCount, agencies.TotalIsLowerBound));
    }

    [Fact]
    public async Task Time_range_is_half_open()
    {
        await using var db = await _app.DbAsync();
        var third = await db.AuditEntries.Where(e => e.EntityType == "Agency").OrderBy(e => e.Id).Skip(2).FirstAsync();

        var upToThird = await Handler.HandleAsync(new SearchAuditLogQuery
        {
            Filter = new AuditLogFilter { EntityType = "Agency", ToUtc = third.OccurredAtUtc },
        });
        var fromThird = await Handler.HandleAsync(new SearchAuditLogQuery
        {
            Filter = new AuditLogFilter { EntityType = "Agency", FromUtc = third.OccurredAtUtc },
        });

        Assert.DoesNotContain(upToThird.Items, e => e.Id == third.Id);
        Assert.Contains(fromThird.Items, e => e.Id == third.Id);
        Assert.Equal(5, upToThird.TotalCount + fromThird.TotalCount);
    }

    [Fact]
    public async Task Entity_types_for_the_filter_come_from_the_log()
    {
        var types = await Handler.EntityTypesAsync();
        Assert.Contains(new AuditEntityType("Agency", "承接机构"), types);
        Assert.Contains(new AuditEntityType("IdentityRole", "角色"), types);
    }

    [Theory]
    [InlineData(Roles.ProcurementOfficer)]
    [InlineData(Roles.FinanceOfficer)]
    [InlineData(Roles.AgencyUser)]
    [InlineData(Roles.Judge)]
    public async Task Only_administrators_and_auditors_read_the_log(string role) =>
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<SearchAuditLogHandler>(role).HandleAsync(new SearchAuditLogQuery()));

    [Fact]
    public async Task Anonymous_callers_are_refused()
    {
        await using var scope = _app.Scope();
        var handler = scope.ServiceProvider.GetRequiredService<SearchAuditLogHandler>();
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => handler.HandleAsync(new SearchAuditLogQuery()));
    }
}
