using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Agencies;

public sealed class ListAgenciesTests : IAsyncLifetime
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
    public async Task List_searches_by_name_or_code_and_filters_by_county_and_status()
    {
        var list = _app.As<ListAgenciesHandler>(Roles.Auditor);

        Assert.Equal(1, (await list.HandleAsync(new ListAgenciesQuery { Search = "德钦" })).TotalCount);
        Assert.Equal(1, (await list.HandleAsync(new ListAgenciesQuery { Search = "52533401" })).TotalCount);
        Assert.Equal(2, (await list.HandleAsync(new ListAgenciesQuery { County = County.ShangriLa })).TotalCount);

        await _app.As<ChangeAgencyStatusHandler>(Roles.ProcurementOfficer).SuspendAsync(_shangriLa);
        var suspended = await list.HandleAsync(new ListAgenciesQuery { Status = AgencyStatus.Suspended });
        Assert.Equal(_shangriLa, Assert.Single(suspended.Items).Id);
    }

    [Fact]
    public async Task R01_an_agency_user_sees_only_its_own_agency()
    {
        var list = await _app.As<ListAgenciesHandler>(Roles.AgencyUser, agencyId: _deqin).HandleAsync(new ListAgenciesQuery());
        Assert.Equal(_deqin, Assert.Single(list.Items).Id);

        var own = await _app.As<GetAgencyHandler>(Roles.AgencyUser, agencyId: _deqin).HandleAsync(_deqin);
        Assert.Equal("德钦县社会工作服务中心", own.Name);
        await Assert.ThrowsAsync<NotFoundException>(() => _app.As<GetAgencyHandler>(Roles.AgencyUser, agencyId: _deqin).HandleAsync(_shangriLa));
    }

    [Fact]
    public async Task Judges_do_not_read_the_agency_registry() =>
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<ListAgenciesHandler>(Roles.Judge).HandleAsync(new ListAgenciesQuery()));
}
