using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Diqing.Procurement.Web.Tests;

/// <summary>
/// Shared bUnit set-up: MudBlazor services, loose JS interop, the app's localisation, a user per
/// role, and asynchronous disposal (MudBlazor has services that are only IAsyncDisposable).
/// </summary>
public abstract class MudTestContext : IAsyncLifetime
{
    private readonly CultureInfo _previousUiCulture = CultureInfo.CurrentUICulture;

    protected MudTestContext(string culture = "zh-CN")
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddLocalization();
        Authorization = Context.AddAuthorization();
    }

    protected BunitContext Context { get; } = new();

    protected BunitAuthorizationContext Authorization { get; }

    protected void SignIn(string role, string displayName = "测试用户")
    {
        Authorization.SetAuthorized("tester");
        Authorization.SetRoles(role);
        Authorization.SetClaims(new Claim(AppClaimTypes.DisplayName, displayName));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        CultureInfo.CurrentUICulture = _previousUiCulture;
        CultureInfo.CurrentCulture = _previousUiCulture;
    }
}
