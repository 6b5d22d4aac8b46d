using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>
/// The app starts under every launch profile of the README and in production, with the container checking every
/// registration on build and every scope on use (as the Development environment does by default).
/// </summary>
public sealed class ProgramTests
{
    public static TheoryData<string> Environments()
    {
        var data = new TheoryData<string> { "Production" };
        var settings = Path.Combine(SolutionFolder(), "src", "Diqing.Procurement.Web", "Properties", "launchSettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(settings));
        foreach (var profile in json.RootElement.GetProperty("profiles").EnumerateObject())
        {
            data.Add(profile.Value.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Starts_healthy_with_every_service_resolvable(string environment)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "diqing-host-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var factory = new ValidatingFactory(environment, dataFolder);
            using var client = factory.CreateClient();

            using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var folder in new[] { dataFolder, dataFolder + "-checkpoints" }.Where(Directory.Exists))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string SolutionFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Diqing.Procurement.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Diqing.Procurement.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class ValidatingFactory(string environment, string dataFolder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Database:DataFolder", dataFolder);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");

            // Outside demo mode the app refuses to start without an administrator: give it the bootstrap account.
            builder.UseSetting("Bootstrap:AdminUserName", "chief");
            builder.UseSetting("Bootstrap:AdminPassword", "Startup-Check-" + Guid.NewGuid().ToString("N"));

            // Nor without an audit key and a checkpoint folder outside the data folder (R-31; the demo makes its own).
            builder.UseSetting("Audit:Keys:startup-check", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            builder.UseSetting("Audit:CheckpointFolder", dataFolder + "-checkpoints");
        }

        protected override IHost CreateHost(IHostBuilder builder)
        {
            builder.UseDefaultServiceProvider(o =>
            {
                o.ValidateOnBuild = true;
                o.ValidateScopes = true;
            });
            return base.CreateHost(builder);
        }
    }
}
