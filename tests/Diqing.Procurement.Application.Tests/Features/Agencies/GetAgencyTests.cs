using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Agencies;

public sealed class GetAgencyTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _deqin;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _deqin = await _app.AddAgencyAsync("德钦县社会工作服务中心", "52533422MJD000001F", County.Deqin);
        await _app.AddAgencyAsync("迪庆州社会工作孵化服务中心", "52533400MJD000003R", County.ShangriLa);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Detail_lists_the_agency_users()
    {
        await _app.AddUserAsync("deqin1", Roles.AgencyUser, _deqin);

        var detail = await _app.As<GetAgencyHandler>(Roles.ProcurementOfficer).HandleAsync(_deqin);

        Assert.Equal("deqin1", Assert.Single(detail.Users).UserName);
        Assert.True(detail.CanEdit);
        Assert.False((await _app.As<GetAgencyHandler>(Roles.Auditor).HandleAsync(_deqin)).CanEdit);
    }
}
