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

public sealed class ListFundingSourcesTests : IAsyncLifetime
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

    [Theory]
    [InlineData(Roles.AgencyUser)]
    [InlineData(Roles.Judge)]
    public async Task Agencies_and_judges_cannot_read_funding(string role) =>
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<ListFundingSourcesHandler>(role).HandleAsync(new ListFundingSourcesQuery()));

    [Fact]
    public async Task The_list_shows_balances_per_source_and_totals_per_kind_and_year()
    {
        var signed = await _scenario.SignedAsync(_agencyId, 1_000m, sourceAmount: 1_500m);
        await _scenario.SourceAsync(250.50m, FundingKind.WelfareLottery);
        var lottery = await _scenario.SourceAsync(500m, FundingKind.WelfareLottery);
        await Funding().AllocateAsync(await _scenario.DraftAsync(_agencyId, 300m), lottery, 300m);
        var first = (await _app.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(signed.ContractId)).Installments.Single(i => i.Sequence == 1);
        await _app.As<RecordPaymentHandler>(Roles.FinanceOfficer).HandleAsync(new RecordPaymentCommand(signed.ContractId, first.Id, "记-9", new DateOnly(2026, 2, 1), 300m));

        var overview = await _app.As<ListFundingSourcesHandler>(Roles.ProcurementOfficer).HandleAsync(new ListFundingSourcesQuery(2026));

        var fiscal = overview.Sources.Single(s => s.Id == signed.SourceId);
        Assert.Equal((1_500m, 1_000m, 300m, 500m), (fiscal.Amount, fiscal.Allocated, fiscal.Disbursed, fiscal.Available));
        var lotteryTotal = overview.Totals.Single(t => t.Kind == FundingKind.WelfareLottery && t.FiscalYear == 2026);
        Assert.Equal((750.50m, 300m, 0m, 450.50m), (lotteryTotal.Amount, lotteryTotal.Allocated, lotteryTotal.Disbursed, lotteryTotal.Available));
        Assert.Equal(2_250.50m, overview.Amount);
    }
}
