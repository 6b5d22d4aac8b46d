using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Funding;

public sealed class SaveFundingSourceTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private ContractScenario _scenario = null!;
    private int _agencyId;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _scenario = new ContractScenario(_app);
        _agencyId = await _app.AddAgencyAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private AllocateContractFundingHandler Funding(string role = Roles.FinanceOfficer) => _app.As<AllocateContractFundingHandler>(role);

    [Fact]
    public async Task Reducing_a_source_below_what_is_allocated_is_refused_and_the_amount_kept()
    {
        var sourceId = await _scenario.SourceAsync(1_000m);
        await Funding().AllocateAsync(await _scenario.DraftAsync(_agencyId, 700m), sourceId, 700m);
        var edit = SaveFundingSourceCommand.From(await _app.As<GetFundingSourceHandler>(Roles.FinanceOfficer).HandleAsync(sourceId));
        edit.Amount = 699.99m;

        var ex = await Assert.ThrowsAsync<DomainException>(() => _app.As<SaveFundingSourceHandler>(Roles.FinanceOfficer).HandleAsync(edit));

        Assert.Equal("Funding.AmountBelowAllocated", ex.Code);
        Assert.Equal(1_000m, (await _app.As<GetFundingSourceHandler>(Roles.Auditor).HandleAsync(sourceId)).Source.Amount);
    }

    [Fact]
    public async Task Editing_a_stale_version_is_refused()
    {
        var sourceId = await _scenario.SourceAsync(1_000m);
        var stale = SaveFundingSourceCommand.From(await _app.As<GetFundingSourceHandler>(Roles.FinanceOfficer).HandleAsync(sourceId));
        await Funding().AllocateAsync(await _scenario.DraftAsync(_agencyId, 10m), sourceId, 10m);
        stale.Name = "改名";

        var ex = await Assert.ThrowsAsync<DomainException>(() => _app.As<SaveFundingSourceHandler>(Roles.FinanceOfficer).HandleAsync(stale));
        Assert.Equal("Funding.BalanceChanged", ex.Code);
    }

    [Theory]
    [InlineData(Roles.ProcurementOfficer)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.AgencyUser)]
    [InlineData(Roles.Judge)]
    public async Task Only_finance_and_administrators_manage_sources_and_pay(string role)
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<SaveFundingSourceHandler>(role).HandleAsync(new SaveFundingSourceCommand()));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            _app.As<RecordPaymentHandler>(role, agencyId: _agencyId).HandleAsync(new RecordPaymentCommand(1, 1, "x", default, 1m)));
    }
}
