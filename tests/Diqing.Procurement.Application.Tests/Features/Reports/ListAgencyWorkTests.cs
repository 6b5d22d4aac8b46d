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
}
