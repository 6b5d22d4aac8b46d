using Diqing.Procurement.Application;
using Diqing.Procurement.Application.Setup;
using Diqing.Procurement.Infrastructure;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Web;
using Diqing.Procurement.Web.Components;
using Diqing.Procurement.Infrastructure.Hosting;
using Diqing.Procurement.Web.Hosting;

if (await OperationsCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode; // backup or restore (docs/deploy.md)
}

StartupPhases.Mark("runtime and Main");
var builder = WebApplication.CreateBuilder(args);

// Serve package assets (MudBlazor, the Blazor script) from the build output in every environment,
// not only Development: the README's demo runs as environment "Demo". A published app has them in wwwroot.
builder.WebHost.UseStaticWebAssets();
builder.Services.AddProcurementWeb(builder.Configuration, builder.Environment);

StartupPhases.Mark("configuration and services");
var app = builder.Build();
app.UseProcurementPipeline();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
StartupPhases.Mark("host built, endpoints mapped");

await ApplicationInitializer.InitializeAsync(
    app.Services,
    app.Environment.ContentRootPath,
    app.Configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new DemoOptions(),
    app.Configuration.GetSection(BootstrapOptions.SectionName).Get<BootstrapOptions>() ?? new BootstrapOptions());

StartupPhases.Mark("database migrated and seeded");
app.Lifetime.ApplicationStarted.Register(() => StartupPhases.Mark("listening"));
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the end-to-end tests' WebApplicationFactory.</summary>
public partial class Program;
