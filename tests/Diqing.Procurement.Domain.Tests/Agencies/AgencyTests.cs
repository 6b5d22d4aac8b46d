using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Tests.Agencies;

public class AgencyTests
{
    [Fact]
    public void New_agency_is_active_with_upper_case_code()
    {
        var agency = new Agency(" 德钦县社会工作服务中心 ", "52533422mjd000001f", County.Deqin);
        Assert.True(agency.IsActive);
        Assert.Equal("52533422MJD000001F", agency.UnifiedSocialCreditCode);
        Assert.Equal("德钦县社会工作服务中心", agency.Name);
    }

    [Fact]
    public void Suspend_and_reactivate_guard_their_state()
    {
        var agency = new Agency("A", "52533422MJD000001F", County.Deqin);
        agency.Suspend();
        Assert.False(agency.IsActive);
        Assert.Equal("Agency.AlreadySuspended", Assert.Throws<DomainException>(agency.Suspend).Code);
        agency.Reactivate();
        Assert.Equal("Agency.AlreadyActive", Assert.Throws<DomainException>(agency.Reactivate).Code);
    }
}
