namespace Diqing.Procurement.Infrastructure.Security;

/// <summary>The signed-in user on whose behalf the current code runs (a request or a Blazor circuit).</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    string? UserId { get; }

    string? UserName { get; }

    /// <summary>The agency of an AgencyUser; null for every other role.</summary>
    int? AgencyId { get; }

    /// <summary>The server-side session of a signed-in user.</summary>
    string? SessionId { get; }

    bool IsInRole(string role);
}
