using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Contracts;

public sealed class ContractNumberingTests
{
    [Theory]
    [ClassData(typeof(DatabaseProviders))]
    public async Task R12_contracts_created_at_once_get_distinct_consecutive_numbers(DatabaseProvider provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var agencyId = await app.AddAgencyAsync();
        const int count = 20;

        // Twenty officers at once, each on an instance of its own where the database allows several.
        var instances = app.Instances(count);
        var ids = await AtOnce.RunAsync(instances.Select(instance =>
        {
            var handler = instance.As<SaveContractDraftHandler>(Roles.ProcurementOfficer);
            return (Func<Task<int>>)(() => handler.HandleAsync(ContractScenario.Draft(agencyId, 1_000m)));
        }));

        await using var db = await app.DbAsync();
        var numbers = await db.Contracts.Where(c => ids.Contains(c.Id)).Select(c => c.Number).ToListAsync();
        var year = ChinaTime.DateOf(DateTime.UtcNow).Year;
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"DQMZ-{year}-{i:D4}"), numbers.Order());
    }
}
