using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Contracts;

public sealed class ContractNumberingTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.CreateAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task R12_contracts_created_at_once_get_distinct_consecutive_numbers()
    {
        var agencyId = await _app.AddAgencyAsync();
        const int count = 20;

        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(_ =>
            _app.As<SaveContractDraftHandler>(Roles.ProcurementOfficer).HandleAsync(ContractScenario.Draft(agencyId, 1_000m))));

        await using var db = await _app.DbAsync();
        var numbers = await db.Contracts.Where(c => ids.Contains(c.Id)).Select(c => c.Number).ToListAsync();
        var year = ChinaTime.DateOf(DateTime.UtcNow).Year;
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"DQMZ-{year}-{i:D4}"), numbers.Order());
    }
}
