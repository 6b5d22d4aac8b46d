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
}
