using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Diqing.Procurement.Web.Security;

/// <summary>
/// Keeps the circuit's <see cref="CurrentUser"/> in step with its authentication state, so handlers and the audit
/// interceptor know who acts even though a circuit has no HttpContext; and checks the server-side session on the
/// circuit's own activity (clicks, input), so that an ended session stops the page before the event runs and user
/// activity in an open page counts against the idle timeout.
/// </summary>
internal sealed class UserCircuitHandler(
    AuthenticationStateProvider authenticationStateProvider, CurrentUser currentUser, UserSessionOptions sessionOptions, TimeProvider clock)
    : CircuitHandler, IDisposable
{
    private DateTimeOffset _lastCheck = DateTimeOffset.MinValue;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authenticationStateProvider.AuthenticationStateChanged -= OnAuthenticationChanged;
        authenticationStateProvider.AuthenticationStateChanged += OnAuthenticationChanged;
        var state = await authenticationStateProvider.GetAuthenticationStateAsync();
        currentUser.Set(state.User);
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var now = clock.GetUtcNow();
            if (authenticationStateProvider is RevalidatingAuthenticationStateProvider sessions && now - _lastCheck >= sessionOptions.CircuitCheckInterval)
            {
                _lastCheck = now;
                if (!await sessions.CheckNowAsync(CancellationToken.None))
                {
                    // The session ended: the event does not run; the page re-renders signed out (sign-in link).
                    return;
                }
            }

            await next(context);
        };

    public void Dispose() => authenticationStateProvider.AuthenticationStateChanged -= OnAuthenticationChanged;

    private void OnAuthenticationChanged(Task<AuthenticationState> task) =>
        _ = UpdateAsync(task);

    private async Task UpdateAsync(Task<AuthenticationState> task)
    {
        var state = await task;
        currentUser.Set(state.User);
    }
}
