namespace Diqing.Procurement.Infrastructure.Security;

public static class AppClaimTypes
{
    public const string AgencyId = "diqing:agency_id";
    public const string DisplayName = "diqing:display_name";

    /// <summary>The server-side session (UserSessions) the sign-in cookie belongs to.</summary>
    public const string SessionId = "diqing:session";
}
