using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real app outside demo mode (environment Production) on a real Kestrel port, behind a pretend reverse proxy on
/// 127.0.0.1: a bootstrap administrator, an audit key in configuration, low sign-in limits. Settings can be changed
/// or removed per test (null removes).
/// </summary>
internal sealed class ProductionAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ProductionAppFactory(string root, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataFolder"] = Path.Combine(root, "data"),
            ["Demo:Enabled"] = "false",
            ["Bootstrap:AdminUserName"] = "chief",
            ["Bootstrap:AdminPassword"] = "Chief-Password-2026",
            ["Audit:Keys:prod-1"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Audit:CheckpointFolder"] = Path.Combine(root, "checkpoints"),
            ["Security:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Security:RateLimits:PerAddressPerMinute"] = "5",
            ["Security:RateLimits:PerAccountPerFiveMinutes"] = "3",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings.Where(s => s.Value is not null))
        {
            builder.UseSetting(key, value);
        }
    }
}
