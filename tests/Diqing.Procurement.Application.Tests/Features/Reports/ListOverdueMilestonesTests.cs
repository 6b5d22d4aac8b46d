using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Reports;

public sealed class ListOverdueMilestonesTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _agencyId;
    private SignedContract _contract = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _agencyId = await _app.AddAgencyAsync();
        _contract = await new ContractScenario(_app).SignedAsync(_agencyId, 100_000m);
        await _app.As<ContractTransitions>(Roles.ProcurementOfficer).StartAsync(_contract.ContractId);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static ReportContent Complete(string? narrative = null) => narrative is null ? ReportSamples.Complete() : ReportSamples.Complete(narrative);

    [Fact]
    public async Task Overdue_view_lists_milestones_past_due_without_an_approved_report()
    {
        await using (var db = await _app.DbAsync())
        {
            // Move the mid-term due date into the past, as time would.
            await db.Database.ExecuteSqlRawAsync("UPDATE Milestones SET DueOn = '2026-01-10' WHERE Id = {0}", _contract.MidTermMilestoneId);
        }

        var overdue = await _app.As<ListOverdueMilestonesHandler>(Roles.ProcurementOfficer).HandleAsync();

        var item = Assert.Single(overdue, o => o.MilestoneId == _contract.MidTermMilestoneId);
        Assert.True(item.DaysOverdue > 0);
        Assert.DoesNotContain(overdue, o => o.MilestoneId == _contract.CompletionMilestoneId && o.DueOn >= ChinaTime.DateOf(DateTime.UtcNow));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<ListOverdueMilestonesHandler>(Roles.AgencyUser, _agencyId).HandleAsync());
    }
}
