using Diqing.Procurement.Application;
using Diqing.Procurement.Infrastructure;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Web.Diagnostics;
using Diqing.Procurement.Web.Exports;
using Diqing.Procurement.Web.Localization;
using Diqing.Procurement.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Components.Server.Circuits;
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
        services.AddProcurementInfrastructure(database, environment.ContentRootPath);
        services.AddProcurementApplication();

        // Cookie and antiforgery keys survive restarts (otherwise every restart signs everybody out).
        services.AddDataProtection()
            .SetApplicationName("Diqing.Procurement")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(database.ResolveDataFolder(environment.ContentRootPath), "keys")));

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
        services.AddSingleton<Exports.ExportFiles>();

        services.AddHostedService<Application.Features.Notifications.DeadlineNoticeService>();
        services.AddHealthChecks().AddDbContextCheck<ProcurementDbContext>("database");
        if (Diagnostics.BenchmarkEndpoints.IsEnabled(configuration))
        {
            services.AddBenchmarkDiagnostics();
        }

        return services;
    }

    public static WebApplication UseProcurementPipeline(this WebApplication app)
    {
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
        app.MapHealthChecks("/healthz");
        app.MapAccountEndpoints();
        app.MapAttachmentEndpoints();
        app.MapExportEndpoints();
        if (Diagnostics.BenchmarkEndpoints.IsEnabled(app.Configuration))
        {
            app.MapBenchmarkEndpoints();
        }

        return app;
    }
}
