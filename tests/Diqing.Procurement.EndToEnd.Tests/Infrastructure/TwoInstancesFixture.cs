using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.TestSupport;
using Microsoft.Playwright;

namespace Diqing.Procurement.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The deployment of docs/deploy.md on loopback: two instances of the built app (separate processes) on one
/// PostgreSQL database and one shared file store, behind Debian's nginx with the documented configuration
/// (docs/deploy/nginx-diqing.conf) on a free port. Everything is stopped and removed at the end.
/// </summary>
public sealed partial class TwoInstancesFixture : IAsyncLifetime
{
    public const string NginxPath = "/usr/sbin/nginx";

    /// <summary>Added to the test's copy of the configuration only: which instance answered.</summary>
    public const string UpstreamHeader = "X-Diqing-Upstream";

    private readonly List<AppInstance> _instances = [];
    private Process? _nginx;
    private TestDatabase? _database;
    private IPlaywright? _playwright;

    public AppInstance A => _instances[0];

    public AppInstance B => _instances[1];

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not started.");

    /// <summary>The proxy's root, ending with a slash.</summary>
    public Uri ProxyAddress { get; private set; } = default!;

    public string SharedFiles { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(NginxPath))
        {
            throw new InvalidOperationException($"nginx was not found at {NginxPath}; tests/run.sh installs it (apt-get install -y nginx).");
        }

        _database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        SharedFiles = Directory.CreateDirectory(Path.Combine(_database.Folder, "shared-files")).FullName;

        // The first instance migrates and seeds; the second starts on the ready database, as in a rolling start.
        _instances.Add(await AppInstance.StartAsync("web-a", _database, SharedFiles));
        _instances.Add(await AppInstance.StartAsync("web-b", _database, SharedFiles));
        ProxyAddress = await StartNginxAsync();

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = AppFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
        });
    }

    /// <summary>Which instance the proxy sends a client with this affinity cookie to.</summary>
    public async Task<AppInstance> InstanceForAsync(HttpClient client, string affinity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ProxyAddress, "health/live"));
        request.Headers.Add("Cookie", $"diqing_affinity={affinity}");
        using var response = await client.SendAsync(request);
        var upstream = response.Headers.GetValues(UpstreamHeader).Single();
        return _instances.Single(i => upstream.EndsWith($":{i.Port}", StringComparison.Ordinal));
    }

    /// <summary>An affinity value for each instance, found by asking the proxy (the hash is nginx's).</summary>
    public async Task<(string ForA, string ForB)> AffinitiesAsync(HttpClient client)
    {
        string? forA = null, forB = null;
        for (var i = 0; i < 64 && (forA is null || forB is null); i++)
        {
            var value = $"probe{i}";
            if (await InstanceForAsync(client, value) == A)
            {
                forA ??= value;
            }
            else
            {
                forB ??= value;
            }
        }

        return (forA ?? throw new InvalidOperationException("No client went to web-a."), forB ?? throw new InvalidOperationException("No client went to web-b."));
    }

    private async Task<Uri> StartNginxAsync()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Database.Folder, "nginx")).FullName;
        // Workers run as an unprivileged user when nginx starts as root: they must reach the temp folders.
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(Database.Folder, (UnixFileMode)0b111_111_111);
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        }
        var port = FreePort();
        var site = await File.ReadAllTextAsync(Path.Combine(AppInstance.RepositoryRoot, "docs", "deploy", "nginx-diqing.conf"));
        site = UpstreamServers().Replace(site, $"server 127.0.0.1:{A.Port};\n    server 127.0.0.1:{B.Port};", 1);
        site = site.Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal)
            .Replace("location / {", $"location / {{\n        add_header {UpstreamHeader} $upstream_addr always;", StringComparison.Ordinal)
            .Replace("location /health/ {", $"location /health/ {{\n        add_header {UpstreamHeader} $upstream_addr always;", StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{B.Port}", site);
        await File.WriteAllTextAsync(Path.Combine(folder, "diqing.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/diqing.conf;
            }
            """);
        _nginx = Process.Start(new ProcessStartInfo(NginxPath, ["-p", folder, "-c", Path.Combine(folder, "nginx.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("nginx did not start.");
        var address = new Uri($"http://127.0.0.1:{port}/");
        using var client = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(address, "health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return address;
                }
            }
            catch (HttpRequestException) when (attempt < 100 && !_nginx.HasExited)
            {
            }

            if (_nginx.HasExited || attempt >= 100)
            {
                throw new InvalidOperationException("nginx did not start: " + await _nginx.StandardError.ReadToEndAsync()
                    + (File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log")) : ""));
            }

            await Task.Delay(100);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }

        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [GeneratedRegex(@"server 127\.0\.0\.1:5001;\s*server 127\.0\.0\.1:5002;")]
    private static partial Regex UpstreamServers();
}

/// <summary>One instance of the built web app as a process of its own, with its output kept for the test to read.</summary>
public sealed partial class AppInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppInstance(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Port { get; private set; }

    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>The folder of Diqing.Procurement.sln, found from the test's own build folder.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    public static async Task<AppInstance> StartAsync(string name, TestDatabase database, string sharedFiles)
    {
        // The test runs from tests/<project>/bin/<Configuration>/net10.0: the app was built beside it in the same configuration.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var web = Path.Combine(RepositoryRoot, "src", "Diqing.Procurement.Web");
        var dll = Path.Combine(web, "bin", configuration, "net10.0", "Diqing.Procurement.Web.dll");
        var data = Directory.CreateDirectory(Path.Combine(database.Folder, name)).FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     dll, "--urls", "http://127.0.0.1:0", "--environment", "Demo",
                     "--Database:Provider", "PostgreSql", "--Database:ConnectionString", database.ConnectionString,
                     "--Database:MigrateOnStartup", "true", "--Database:DataFolder", data, "--Demo:Enabled", "true",
                     "--Files:Root", sharedFiles, "--Hosting:InstanceName", name,
                     "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information",
                     "--Logging:LogLevel:Diqing.Procurement.Infrastructure.Hosting", "Debug",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var instance = new AppInstance(name, Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start."));
        using var client = new HttpClient();
        for (var waited = 0; waited < 1200; waited++)
        {
            if (instance._process.HasExited)
            {
                await instance._process.WaitForExitAsync(); // drains the output
                throw new InvalidOperationException($"{name} stopped with exit code {instance._process.ExitCode}: {instance.Output}");
            }

            if (instance.Port == 0 && Listening().Match(instance.Output) is { Success: true } match)
            {
                instance.Port = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (instance.Port != 0)
            {
                try
                {
                    using var ready = await client.GetAsync($"http://127.0.0.1:{instance.Port}/health/ready");
                    if (ready.StatusCode == HttpStatusCode.OK)
                    {
                        return instance;
                    }
                }
                catch (HttpRequestException)
                {
                }
            }

            await Task.Delay(100);
        }

        await instance.DisposeAsync();
        throw new InvalidOperationException($"{name} was not ready within two minutes: {instance.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Diqing.Procurement.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Diqing.Procurement.sln was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex Listening();
}

[CollectionDefinition(Name)]
public sealed class TwoInstancesCollection : ICollectionFixture<TwoInstancesFixture>
{
    public const string Name = "Two instances behind nginx";
}
