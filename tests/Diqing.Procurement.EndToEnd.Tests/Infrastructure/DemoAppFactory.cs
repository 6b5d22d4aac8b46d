using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Hosts the real web app on a real Kestrel socket (127.0.0.1, dynamic port), in environment "Demo",
/// with demo data and an SQLite database in a folder of its own.
/// </summary>
internal sealed class DemoAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataFolder;

    public DemoAppFactory(string dataFolder)
    {
        _dataFolder = dataFolder;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The address the server listens on, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public Uri BaseAddress
    {
        get
        {
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                ?? throw new InvalidOperationException("The server does not report its addresses.");
            var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("The server listens on no http address: " + string.Join(", ", addresses));
            return new Uri(address);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Settings given here reach Program.cs before it reads its configuration.
        builder.UseEnvironment("Demo");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:DataFolder", _dataFolder);
        builder.UseSetting("Demo:Enabled", "true");

        // The suite signs in many times from one address: the limits (tested on their own app) stay out of its way;
        // the open pages check their session on every event so that ended sessions show at once.
        builder.UseSetting("Security:RateLimits:PerAddressPerMinute", "100000");
        builder.UseSetting("Security:RateLimits:PerAccountPerFiveMinutes", "100000");
        builder.UseSetting("Security:Sessions:CircuitCheckInterval", "00:00:00");

        // Keep the test output readable: the app's warnings and errors still show.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, FaultEndpoint>());
    }

    /// <summary>
    /// A path that throws, appended behind the app's own pipeline, to prove that an unhandled
    /// exception reaches the browser as the friendly error page and never as a stack trace.
    /// </summary>
    private sealed class FaultEndpoint : IStartupFilter
    {
        public const string Path = "/__test/fault";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(Path, branch => branch.Run(_ => throw new InvalidOperationException("SECRET-INTERNAL-DETAIL")));
        };
    }
}
