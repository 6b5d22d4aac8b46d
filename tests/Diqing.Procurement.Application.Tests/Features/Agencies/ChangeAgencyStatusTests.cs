using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Agencies;

public sealed class ChangeAgencyStatusTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _deqin;
    private int _shangriLa;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _deqin = await _app.AddAgencyAsync("德钦县社会工作服务中心", "52533422MJD000001F", County.Deqin);
        _shangriLa = await _app.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025", County.ShangriLa);
        await _app.AddAgencyAsync("迪庆州社会工作孵化服务中心", "52533400MJD000003R", County.ShangriLa);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_agency_with_accounts_cannot_be_deleted_only_suspended()
    {
        await _app.AddUserAsync("deqin2", Roles.AgencyUser, _deqin);
        var actions = _app.As<ChangeAgencyStatusHandler>(Roles.Administrator);

        Assert.Equal("Agency.InUseSuspendInstead", (await Assert.ThrowsAsync<DomainException>(() => actions.DeleteAsync(_deqin))).Code);
        await actions.SuspendAsync(_deqin);
        Assert.Equal("Agency.AlreadySuspended", (await Assert.ThrowsAsync<DomainException>(() => actions.SuspendAsync(_deqin))).Code);
        await actions.ReactivateAsync(_deqin);
    }

    [Fact]
    public async Task An_unused_agency_can_be_deleted_by_an_officer_but_not_by_an_auditor()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<ChangeAgencyStatusHandler>(Roles.Auditor).DeleteAsync(_shangriLa));
        await _app.As<ChangeAgencyStatusHandler>(Roles.ProcurementOfficer).DeleteAsync(_shangriLa);
        await Assert.ThrowsAsync<NotFoundException>(() => _app.As<GetAgencyHandler>(Roles.Auditor).HandleAsync(_shangriLa));
    }

    [Fact]
    public async Task An_agency_with_contracts_cannot_be_deleted_and_shows_its_evaluations()
    {
        var signed = await new ContractScenario(_app).SignedAsync(_shangriLa, 1_000m);
        var lifecycle = _app.As<ContractTransitions>(Roles.ProcurementOfficer);
        await lifecycle.StartAsync(signed.ContractId);
        await lifecycle.ApproveMilestoneReportAsync(signed.ContractId, signed.MidTermMilestoneId);
        await lifecycle.ApproveMilestoneReportAsync(signed.ContractId, signed.CompletionMilestoneId);
        await lifecycle.AcceptAsync(signed.ContractId);
        await lifecycle.EvaluateAsync(signed.ContractId, 86m, new DateOnly(2027, 1, 10), "良好");

        var ex = await Assert.ThrowsAsync<DomainException>(() => _app.As<ChangeAgencyStatusHandler>(Roles.Administrator).DeleteAsync(_shangriLa));
        Assert.Equal("Agency.InUseSuspendInstead", ex.Code);
        var agency = await _app.As<GetAgencyHandler>(Roles.Auditor).HandleAsync(_shangriLa);
        var row = Assert.Single(agency.Contracts);
        Assert.Equal(86m, row.EvaluationScore);
        Assert.Equal(EvaluationGrade.Good, PerformanceEvaluation.GradeOf(row.EvaluationScore!.Value));
    }


    [Theory]
    [InlineData(Roles.ProcurementOfficer, false, false)]
    [InlineData(Roles.ProcurementOfficer, true, false)]
    [InlineData(Roles.ProcurementOfficer, false, true)]
    [InlineData(Roles.Auditor, false, false)]
    public async Task The_detail_pages_status_buttons_predict_what_the_handler_allows(string role, bool hasAccount, bool suspended)
    {
        if (hasAccount)
        {
            await _app.AddUserAsync("deqin-user", Roles.AgencyUser, _deqin);
        }

        if (suspended)
        {
            await _app.As<ChangeAgencyStatusHandler>(Roles.ProcurementOfficer).SuspendAsync(_deqin);
        }

        var detail = await _app.As<GetAgencyHandler>(role).HandleAsync(_deqin);
        var handler = _app.As<ChangeAgencyStatusHandler>(role);

        Assert.Equal(detail.CanDelete, await Operation.Succeeds(() => handler.DeleteAsync(_deqin)));
        if (!detail.CanDelete)
        {
            Assert.Equal(detail.CanSuspend, await Operation.Succeeds(() => handler.SuspendAsync(_deqin)));
            Assert.Equal(detail.CanReactivate, !detail.CanSuspend && await Operation.Succeeds(() => handler.ReactivateAsync(_deqin)));
        }
    }
}
