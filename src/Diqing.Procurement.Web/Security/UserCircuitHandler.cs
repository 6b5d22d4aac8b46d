using Diqing.Procurement.Infrastructure.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Diqing.Procurement.Web.Security;

/// <summary>
/// Keeps the circuit's <see cref="CurrentUser"/> in step with its authentication state, so
/// handlers and the audit interceptor know who acts even though a circuit has no HttpContext.
/// </summary>
internal sealed class UserCircuitHandler(AuthenticationStateProvider authenticationStateProvider, CurrentUser currentUser)
    : CircuitHandler, IDisposable
{
    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authenticationStateProvider.AuthenticationStateChanged -= OnAuthenticationChanged;
        authenticationStateProvider.AuthenticationStateChanged += OnAuthenticationChanged;
        var state = await authenticationStateProvider.GetAuthenticationStateAsync();
        currentUser.Set(state.User);
    }

    public void Dispose() => authenticationStateProvider.AuthenticationStateChanged -= OnAuthenticationChanged;

    private void OnAuthenticationChanged(Task<AuthenticationState> task) =>
        _ = UpdateAsync(task);

    private async Task UpdateAsync(Task<AuthenticationState> task)
    {
        var state = await task;
        currentUser.Set(state.User);
    }
}
