using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Agencies;

public sealed class LookupAgenciesTests : IAsyncLifetime
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
    public async Task The_lookup_carries_each_agencys_status()
    {
        await _app.As<ChangeAgencyStatusHandler>(Roles.ProcurementOfficer).SuspendAsync(_shangriLa);

        var options = await _app.As<LookupAgenciesHandler>(Roles.ProcurementOfficer).HandleAsync();

        Assert.Equal(AgencyStatus.Suspended, options.Single(o => o.Id == _shangriLa).Status);
        Assert.Equal([_shangriLa], options.Where(o => o.IsSuspended).Select(o => o.Id));
        Assert.Equal(AgencyStatus.Active, options.Single(o => o.Id == _deqin).Status);
    }
}
