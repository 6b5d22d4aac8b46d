using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Diqing.Procurement.Infrastructure.Security;

/// <summary>
/// Scoped holder of the acting principal. In an HTTP request it reads <see cref="HttpContext.User"/>;
/// in a Blazor circuit (no HttpContext after the first render) the circuit handler sets it, and code
/// that creates its own DI scope copies it with <see cref="Set"/>.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor? httpContextAccessor = null) : ICurrentUser
{
    private ClaimsPrincipal? _principal;

    public ClaimsPrincipal Principal =>
        _principal ?? httpContextAccessor?.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public string? UserId => IsAuthenticated ? Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public string? UserName => IsAuthenticated ? Principal.Identity?.Name : null;

    public int? AgencyId =>
        int.TryParse(Principal.FindFirstValue(AppClaimTypes.AgencyId), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    public string? SessionId => IsAuthenticated ? Principal.FindFirstValue(AppClaimTypes.SessionId) : null;

    public bool IsInRole(string role) => IsAuthenticated && Principal.IsInRole(role);

    public void Set(ClaimsPrincipal principal) => _principal = principal;
}
