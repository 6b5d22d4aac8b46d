namespace Diqing.Procurement.Infrastructure.Security;

public static class AppClaimTypes
{
    public const string AgencyId = "diqing:agency_id";
    public const string DisplayName = "diqing:display_name";
}
