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

public sealed class ListAgencyWorkTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _agencyId;
    private int _otherAgencyId;
    private SignedContract _contract = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _agencyId = await _app.AddAgencyAsync();
        _otherAgencyId = await _app.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025");
        _contract = await new ContractScenario(_app).SignedAsync(_agencyId, 100_000m);
        await _app.As<ContractTransitions>(Roles.ProcurementOfficer).StartAsync(_contract.ContractId);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static ReportContent Complete(string? narrative = null) => narrative is null ? ReportSamples.Complete() : ReportSamples.Complete(narrative);

    [Fact]
    public async Task My_work_lists_the_agencys_milestones_and_only_its_own()
    {
        await new ContractScenario(_app).SignedAsync(_otherAgencyId, 5_000m);

        var work = await _app.As<ListAgencyWorkHandler>(Roles.AgencyUser, _agencyId).HandleAsync();

        Assert.Equal(2, work.Count);
        Assert.All(work, w => Assert.Equal(_contract.ContractId, w.ContractId));
        Assert.Equal(["中期", "结项"], work.Select(w => w.MilestoneName));
    }

    [Fact]
    public async Task A_report_waiting_for_review_asks_nothing_of_the_agency_and_is_not_counted_overdue()
    {
        await using (var db = await _app.DbAsync())
        {
            // Both milestones are past due, as they would be after a long review.
            await db.Database.ExecuteSqlRawAsync("UPDATE Milestones SET DueOn = '2026-01-10' WHERE ContractId = {0}", _contract.ContractId);
        }

        var form = _app.As<WriteReportHandler>(Roles.AgencyUser, _agencyId);
        var draft = await form.OpenAsync(_contract.MidTermMilestoneId);
        await form.SubmitAsync(draft.ReportId, draft.Version, Complete());

        var work = await _app.As<ListAgencyWorkHandler>(Roles.AgencyUser, _agencyId).HandleAsync();

        var submitted = Assert.Single(work, w => w.MilestoneId == _contract.MidTermMilestoneId);
        Assert.False(submitted.NeedsAction);
        Assert.Equal(0, submitted.DaysOverdue);
        var notStarted = Assert.Single(work, w => w.MilestoneId == _contract.CompletionMilestoneId);
        Assert.True(notStarted.NeedsAction);
        Assert.True(notStarted.DaysOverdue > 0);
        Assert.Equal([_contract.CompletionMilestoneId, _contract.MidTermMilestoneId], work.Select(w => w.MilestoneId)); // what needs doing first
    }
}
