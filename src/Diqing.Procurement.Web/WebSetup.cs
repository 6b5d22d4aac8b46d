using Diqing.Procurement.Application;
using Diqing.Procurement.Infrastructure;
using Diqing.Procurement.Infrastructure.Auditing;
using Diqing.Procurement.Infrastructure.Files;
using Diqing.Procurement.Infrastructure.Hosting;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Web.Diagnostics;
using Diqing.Procurement.Web.Exports;
using Diqing.Procurement.Web.Hosting;
using Diqing.Procurement.Web.Localization;
using Diqing.Procurement.Web.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
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
        var audit = configuration.GetSection(AuditOptions.SectionName).Get<AuditOptions>() ?? new AuditOptions();
        if (configuration.GetValue<bool>("Demo:Enabled"))
        {
            // The demo gets a generated key beside (never inside) its data folder; production must configure one.
            audit.WithDemoDefaults(database.ResolveDataFolder(environment.ContentRootPath));
        }

        var security = configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        security.RequireHttps ??= !environment.IsDevelopment() && !environment.IsEnvironment("Demo");
        services.AddSingleton(security);
        var sessions = configuration.GetSection(UserSessionOptions.SectionName).Get<UserSessionOptions>() ?? new UserSessionOptions();
        services.AddSingleton(sessions);
        var files = configuration.GetSection(FileStoreOptions.SectionName).Get<FileStoreOptions>() ?? new FileStoreOptions();
        services.AddProcurementInfrastructure(database, environment.ContentRootPath, audit, files);
        services.AddProcurementApplication();
        services.Configure<HostingOptions>(configuration.GetSection(HostingOptions.SectionName));

        // Cookie and antiforgery keys survive restarts and are the same on every instance (a cookie issued by one is read
        // by the others), so they live in the database; encrypted there with a certificate when one is configured.
        services.AddDataProtection()
            .SetApplicationName("Diqing.Procurement")
            .PersistKeysToDbContext<ProcurementDbContext>()
            .ProtectKeysWithConfiguredCertificate(configuration);
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddSignInRateLimiting(security.RateLimits);
        services.Configure<ForwardedHeadersOptions>(o => ConfigureForwardedHeaders(o, security.ForwardedHeaders));
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.ExcludedHosts.Clear();
        });
        services.AddHttpsRedirection(o => o.HttpsPort = security.HttpsPort);

        services.AddRazorComponents().AddInteractiveServerComponents(o =>
        {
            o.DetailedErrors = environment.IsDevelopment();

            // A circuit whose connection dropped (a phone in a township, ADR 8) is kept 3 minutes so the page comes back
            // as it was; at most 100 are kept, which bounds what abandoned tabs hold (about 2 MB each, docs/performance.md).
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            o.DisconnectedCircuitMaxRetained = 100;

            // The app's JS calls are small (the report mirror, downloads): one that takes 30 s has lost its browser.
            o.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
        });
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
            // Secure whenever the request is HTTPS, including behind a TLS proxy (forwarded headers).
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            SessionCookie.Configure(cookie, sessions);
        });
        // Every request checks the security stamp too (deactivated, locked, re-passworded accounts).
        services.Configure<SecurityStampValidatorOptions>(SessionCookie.KeepSessionClaims);
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

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
        services.AddSingleton<Exports.ExportFiles>();
        services.AddSingleton(configuration.GetSection(Application.Features.OpenData.OcdsOptions.SectionName).Get<Application.Features.OpenData.OcdsOptions>()
            ?? new Application.Features.OpenData.OcdsOptions());

        services.AddDailyJob<Application.Features.Notifications.DeadlineNotices>();
        services.AddDailyJob<Application.Features.Audit.DailyAuditCheckpoint>();
        services.AddProcurementHealthChecks();
        if (Diagnostics.BenchmarkEndpoints.IsEnabled(configuration))
        {
            services.AddBenchmarkDiagnostics();
        }

        return services;
    }

    public static WebApplication UseProcurementPipeline(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<SecurityOptions>();
        if (security.ForwardedHeaders.KnownProxies.Count + security.ForwardedHeaders.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        if (security.RequireHttps == true)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseSignInRateLimiting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapProcurementHealthChecks();
        app.MapAccountEndpoints();
        app.MapAttachmentEndpoints();
        app.MapExportEndpoints();
        OpenData.OpenDataEndpoints.MapOpenDataEndpoints(app);
        OpenData.PublicAnnouncementEndpoints.MapPublicAnnouncementEndpoints(app);
        if (Diagnostics.BenchmarkEndpoints.IsEnabled(app.Configuration))
        {
            app.MapBenchmarkEndpoints();
        }

        return app;
    }

    /// <summary>Only the configured proxies are believed; with none, X-Forwarded-* headers are ignored entirely.</summary>
    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, SecurityOptions.ForwardedHeadersSettings settings)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = 1;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies)
        {
            options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        }

        foreach (var network in settings.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
