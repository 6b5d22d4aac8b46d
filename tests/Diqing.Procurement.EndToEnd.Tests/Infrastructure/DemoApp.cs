using System.Security.Claims;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The demo app running on a real port with a database and files of its own, in a temporary root that is deleted
/// when it is disposed. The collection's <see cref="AppFixture"/> runs one for all tests; a test that changes the
/// demo's state where other tests look starts one of its own.
/// </summary>
internal sealed class DemoApp : IAsyncDisposable
{
    // The data folder sits in a root of its own: the demo's audit key and checkpoints go beside it, never inside.
    private readonly string _root = Path.Combine(Path.GetTempPath(), "diqing-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly DemoAppFactory _factory;

    private DemoApp()
    {
        Directory.CreateDirectory(_root);
        _factory = new DemoAppFactory(DataFolder);
    }

    /// <summary>The app's data folder (SQLite file, attachments, data-protection keys).</summary>
    public string DataFolder => Path.Combine(_root, "data");

    /// <summary>Where the app writes its signed audit checkpoints.</summary>
    public string CheckpointFolder => Path.Combine(_root, "audit-checkpoints");

    /// <summary>Root of the running app, ending with a slash.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Starts the app: migrated and filled with the demo data before this returns.</summary>
    public static DemoApp Start()
    {
        var app = new DemoApp();
        app._factory.StartServer();
        app.BaseAddress = new Uri(app._factory.BaseAddress.ToString().TrimEnd('/') + "/");
        return app;
    }

    /// <summary>Calls the app's own handler <typeparamref name="THandler"/> acting for <paramref name="user"/>, as a signed-in circuit would.</summary>
    public async Task AsAsync<THandler>(ClaimsPrincipal user, Func<THandler, Task> call)
        where THandler : notnull
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(user);
        await call(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    /// <summary>A short-lived context on the app's database, to look up what a precondition needs (ids, accounts).</summary>
    public Task<ProcurementDbContext> DbAsync() =>
        _factory.Services.GetRequiredService<IDbContextFactory<ProcurementDbContext>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();

        // SQLite may keep the file open for a moment through the connection pool.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
