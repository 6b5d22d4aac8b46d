using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using FluentValidation;

namespace Diqing.Procurement.Application.Tests.Features.Contracts;

public sealed class ListContractsTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private ContractScenario _scenario = null!;
    private int _agencyId;
    private int _otherAgencyId;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _scenario = new ContractScenario(_app);
        _agencyId = await _app.AddAgencyAsync();
        _otherAgencyId = await _app.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private ListContractsHandler Officer => _app.As<ListContractsHandler>(Roles.ProcurementOfficer);

    [Fact]
    public async Task R01_agency_users_see_only_their_agencys_contracts_and_change_nothing()
    {
        var own = await _scenario.DraftAsync(_agencyId, 1_000m);
        var other = await _scenario.DraftAsync(_otherAgencyId, 2_000m);

        var list = await _app.As<ListContractsHandler>(Roles.AgencyUser, agencyId: _agencyId).HandleAsync(new ListContractsQuery());
        Assert.Equal(own, Assert.Single(list.Items).Id);
        Assert.Equal(1_000m, (await _app.As<GetContractHandler>(Roles.AgencyUser, agencyId: _agencyId).HandleAsync(own)).Contract.Amount);
        await Assert.ThrowsAsync<NotFoundException>(() => _app.As<GetContractHandler>(Roles.AgencyUser, agencyId: _agencyId).HandleAsync(other));

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<ContractTransitions>(Roles.AgencyUser, agencyId: _agencyId).SignAsync(own, default));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            _app.As<SaveContractDraftHandler>(Roles.AgencyUser, agencyId: _agencyId).HandleAsync(ContractScenario.Draft(_agencyId, 1m)));
        Assert.Empty((await _app.As<GetContractHandler>(Roles.AgencyUser, agencyId: _agencyId).HandleAsync(own)).History);
    }

    [Fact]
    public async Task Judges_read_no_contracts() =>
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<ListContractsHandler>(Roles.Judge).HandleAsync(new ListContractsQuery()));

    [Fact]
    public async Task The_list_filters_by_status_funding_kind_and_text_and_sorts_by_amount()
    {
        var signed = await _scenario.SignedAsync(_agencyId, 5_000m);
        await _scenario.DraftAsync(_otherAgencyId, 9_000m);
        var list = _app.As<ListContractsHandler>(Roles.Auditor);

        Assert.Equal(signed.ContractId, Assert.Single((await list.HandleAsync(new ListContractsQuery { Status = ContractStatus.Signed })).Items).Id);
        Assert.Equal(signed.ContractId, Assert.Single((await list.HandleAsync(new ListContractsQuery { FundingKind = FundingKind.Fiscal })).Items).Id);
        Assert.Single((await list.HandleAsync(new ListContractsQuery { Search = "香格里拉" })).Items);
        Assert.Equal([9_000m, 5_000m], (await list.HandleAsync(new ListContractsQuery { Sort = ContractSort.AmountDescending })).Items.Select(c => c.Amount));
    }

    [Fact]
    public async Task The_count_stops_at_the_limit_and_says_so_an_exact_count_at_the_limit_does_not()
    {
        // 10,000 closed contracts and one draft, inserted as rows (the handlers would take minutes).
        await _app.ExecuteRawSqlAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {PagedQuery.CountLimit + 1})
            INSERT INTO Contracts (Number, Year, SequenceNumber, Title, PurchasingUnit, AgencyId, Method, Category, County, Amount,
                                   StartOn, EndOn, Status, CreatedAtUtc, Version, Indicators, TargetGroups)
            SELECT printf('T-%05d', i), 2000, i, '批量合同 ' || i, '迪庆州民政局', {_agencyId}, 'DirectCommission', 'ResourceLinking', 'Deqin', '1000.0',
                   '2000-01-01', '2000-12-31', CASE WHEN i > {PagedQuery.CountLimit} THEN 'Draft' ELSE 'Closed' END, '2000-01-01 00:00:00', 1, '[]', 'Elderly'
            FROM n;
            """);

        var all = await Officer.HandleAsync(new ListContractsQuery());
        var closed = await Officer.HandleAsync(new ListContractsQuery { Status = ContractStatus.Closed });
        var drafts = await Officer.HandleAsync(new ListContractsQuery { Status = ContractStatus.Draft });

        Assert.Equal((PagedQuery.CountLimit, true), (all.TotalCount, all.TotalIsLowerBound));
        Assert.Equal((PagedQuery.CountLimit, false), (closed.TotalCount, closed.TotalIsLowerBound));
        Assert.Equal((1, false), (drafts.TotalCount, drafts.TotalIsLowerBound));
        Assert.Equal("T-10001", Assert.Single(drafts.Items).Number);
    }

    [Fact]
    public async Task Amount_order_is_the_decimal_order_ties_by_id()
    {
        decimal[] amounts = [0.10m, 0.09m, 100_000_000.01m, 100_000_000.00m, 9.99m, 10m, 9.99m, 1_234_567_890_123.45m];
        var ids = new List<(int Id, decimal Amount)>();
        foreach (var amount in amounts)
        {
            ids.Add((await new ContractScenario(_app).DraftAsync(_agencyId, amount), amount));
        }

        var ascending = await Officer.HandleAsync(new ListContractsQuery { Sort = ContractSort.AmountAscending });
        var descending = await Officer.HandleAsync(new ListContractsQuery { Sort = ContractSort.AmountDescending });

        Assert.Equal(ids.OrderBy(c => c.Amount).ThenBy(c => c.Id).Select(c => c.Id), ascending.Items.Select(r => r.Id));
        Assert.Equal(ids.OrderByDescending(c => c.Amount).ThenByDescending(c => c.Id).Select(c => c.Id), descending.Items.Select(r => r.Id));
    }

    [Theory]
    [InlineData(ContractSort.NumberDescending)]
    [InlineData(ContractSort.TitleAscending)]
    [InlineData(ContractSort.EndDateAscending)]
    public async Task Pages_follow_one_order_without_gaps_or_repeats(ContractSort sort)
    {
        var scenario = new ContractScenario(_app);
        for (var i = 0; i < 7; i++)
        {
            await scenario.DraftAsync(_agencyId, 1_000m + i);
        }

        var whole = await Officer.HandleAsync(new ListContractsQuery { Sort = sort, PageSize = 50 });
        var paged = new List<int>();
        for (var page = 0; page < 4; page++)
        {
            paged.AddRange((await Officer.HandleAsync(new ListContractsQuery { Sort = sort, Page = page, PageSize = 2 })).Items.Select(r => r.Id));
        }

        Assert.Equal(7, whole.Items.Count);
        Assert.Equal(whole.Items.Select(r => r.Id), paged);
    }
}
