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

    [Fact]
    public async Task A_search_puts_the_agency_named_exactly_first_however_many_longer_names_contain_it()
    {
        for (var i = 0; i < 5; i++)
        {
            var first17 = $"52533422MJD00010{i}";
            await _app.AddAgencyAsync($"一{i}德钦县社会工作服务中心联络处", first17 + UnifiedSocialCreditCode.CheckCharacter(first17));
        }

        var lookup = _app.As<LookupAgenciesHandler>(Roles.ProcurementOfficer);
        var found = await lookup.SearchAsync(" 德钦县社会工作服务中心 ", take: 3);

        Assert.Equal(3, found.Count);
        Assert.Equal(_deqin, found[0].Id);
        Assert.All(found.Skip(1), o => Assert.StartsWith("一", o.Name)); // the longer names, which sort before it
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<LookupAgenciesHandler>(Roles.Auditor).SearchAsync("德钦", 3));
    }
}
