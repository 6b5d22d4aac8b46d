using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.TestSupport;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Contracts;

public sealed class SaveContractDraftTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _agencyId;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _agencyId = await _app.AddAgencyAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_term_over_one_year_without_justification_is_refused_in_the_language_of_the_user()
    {
        using var _ = new CultureScope("zh-CN");
        var command = ContractScenario.Draft(_agencyId, 1_000m, end: new DateOnly(2027, 6, 30));

        var ex = await Assert.ThrowsAsync<ValidationException>(() => _app.As<SaveContractDraftHandler>(Roles.ProcurementOfficer).HandleAsync(command));

        Assert.Contains(ex.Errors, e => e.ErrorMessage.Contains("超过 1 年"));
    }

}

/// <summary>R-12 on every provider: numbering under concurrent officers, each on an app instance of its own where the database allows several.</summary>
public sealed class SaveContractDraftNumberingTests
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
