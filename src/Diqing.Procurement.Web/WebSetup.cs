using Diqing.Procurement.Application;
using Diqing.Procurement.Infrastructure;
using Diqing.Procurement.Infrastructure.Files;
using Diqing.Procurement.Infrastructure.Hosting;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Web.Hosting;
using Diqing.Procurement.Web.Ledgers;
using Diqing.Procurement.Web.Localization;
using Diqing.Procurement.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace Diqing.Procurement.Web;

/// <summary>Service registration and middleware order for the web host, kept out of Program.cs so it reads in one glance.</summary>
public static class WebSetup
{
    public static IServiceCollection AddProcurementWeb(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var files = configuration.GetSection(FileStoreOptions.SectionName).Get<FileStoreOptions>() ?? new FileStoreOptions();
        services.AddProcurementInfrastructure(database, environment.ContentRootPath, files);
        services.AddProcurementApplication();
        services.Configure<HostingOptions>(configuration.GetSection(HostingOptions.SectionName));

        // Cookie and antiforgery keys survive restarts and are the same on every instance (a cookie issued by
        // one is read by the others), so they live in the database.
        services.AddDataProtection()
            .SetApplicationName("Diqing.Procurement")
            .PersistKeysToDbContext<ProcurementDbContext>();

        // Behind nginx or IIS: the client's address and scheme come from X-Forwarded-For/-Proto, trusted only
        // from loopback and the proxies listed in Proxy:KnownProxies (docs/deploy.md).
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });

        services.AddRazorComponents().AddInteractiveServerComponents(o => o.DetailedErrors = environment.IsDevelopment());
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, UserCircuitHandler>());

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "diqing.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        // Requests (not only circuits) notice a deactivated, locked or re-passworded account within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization();
        services.AddAntiforgery(o => o.Cookie.SameSite = SameSiteMode.Strict);

        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(AppCultures.Chinese)
                .AddSupportedCultures(AppCultures.Supported)
                .AddSupportedUICultures(AppCultures.Supported);
            // Only the user's explicit choice (cookie) changes the language; the browser's language does not.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        services.AddMudServices(c =>
        {
            c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            c.SnackbarConfiguration.VisibleStateDuration = 5000;
        });
        services.AddTransient<MudLocalizer, ChineseMudLocalizer>();
        services.AddScoped<Components.Shared.UserFeedback>();
        services.AddSingleton<Ledgers.LedgerFiles>();

        services.AddDailyJob<Application.Features.Notifications.DeadlineNotices>();
        services.AddProcurementHealthChecks();
        return services;
    }

    public static WebApplication UseProcurementPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapProcurementHealthChecks();
        app.MapAccountEndpoints();
        app.MapAttachmentEndpoints();
        app.MapLedgerEndpoints();
        return app;
    }
}
