using System.Data.Common;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Diqing.Procurement.TestSupport;

/// <summary>
/// A new, empty database of one provider with a temporary folder beside it (SQLite file, file store).
/// SQLite is a file in the folder; PostgreSQL is a database of its own on the server that
/// <see cref="PostgreSqlVariable"/> names (tests/run.sh starts a private cluster and sets it).
/// Disposing drops the database and deletes the folder.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Connection string of a PostgreSQL server on which the tests may create and drop databases.</summary>
    public const string PostgreSqlVariable = "DIQING_TEST_POSTGRES";

    private TestDatabase(DatabaseProvider provider, string folder, string connectionString)
    {
        Provider = provider;
        Folder = folder;
        ConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }

    public string Folder { get; }

    public string ConnectionString { get; }

    /// <summary>The app's database settings for this database.</summary>
    public DatabaseOptions Options => new() { Provider = Provider, ConnectionString = ConnectionString, DataFolder = Folder, MigrateOnStartup = true };

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "diqing-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                return new TestDatabase(provider, folder, $"Data Source={Path.Combine(folder, "diqing.db")}");
            case DatabaseProvider.PostgreSql:
                var server = new NpgsqlConnectionStringBuilder(PostgreSqlServer());
                var name = "diqing_test_" + Path.GetFileName(folder);
                await using (var connection = new NpgsqlConnection(server.ConnectionString))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
                    await create.ExecuteNonQueryAsync();
                }

                server.Database = name;
                return new TestDatabase(provider, folder, server.ConnectionString);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "The tests run on SQLite and PostgreSQL; SQL Server is checked without a server.");
        }
    }

    /// <summary>A new SQLite database folder holding a copy of <paramref name="source"/>'s files (a snapshot).</summary>
    public static Task<TestDatabase> CopyOfAsync(TestDatabase source)
    {
        if (source.Provider != DatabaseProvider.Sqlite)
        {
            throw new NotSupportedException("Snapshots are SQLite folders; a server database is prepared by each test.");
        }

        SqliteConnection.ClearAllPools(); // the copy must hold what is committed, not a file still being written
        var folder = Path.Combine(Path.GetTempPath(), "diqing-tests", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source.Folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(source.Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Directory.CreateDirectory(folder);
        return Task.FromResult(new TestDatabase(source.Provider, folder, $"Data Source={Path.Combine(folder, "diqing.db")}"));
    }

    /// <summary>
    /// The server from <see cref="PostgreSqlVariable"/>. Missing is a failure, not a skip: tests/run.sh
    /// always provides it, and a test that quietly does not run proves nothing.
    /// </summary>
    public static string PostgreSqlServer() =>
        Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgreSqlVariable} is not set, so the PostgreSQL tests cannot run. `bash tests/run.sh` starts a private PostgreSQL " +
                $"and sets it; by hand: {PostgreSqlVariable}=\"Host=127.0.0.1;Port=<port>;Username=postgres\" dotnet test ... (README, Test it).");

    /// <summary>A connection of its own, outside the app, as a DBA (or an attacker) would have.</summary>
    public DbConnection OpenRawConnection()
    {
        DbConnection connection = Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(ConnectionString + ";Pooling=False")
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            NpgsqlConnection.ClearAllPools();
            var server = new NpgsqlConnectionStringBuilder(ConnectionString);
            var name = server.Database;
            server.Database = new NpgsqlConnectionStringBuilder(PostgreSqlServer()).Database ?? "postgres";
            server.Pooling = false;
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>
/// The providers that tests of concurrency and constraints run on: <c>[Theory, ClassData(typeof(DatabaseProviders))]</c>
/// with a <see cref="DatabaseProvider"/> parameter passed to <see cref="TestApp.CreateAsync(DatabaseProvider, Action{Microsoft.Extensions.DependencyInjection.IServiceCollection}?)"/>.
/// </summary>
public sealed class DatabaseProviders : Xunit.TheoryData<DatabaseProvider>
{
    public DatabaseProviders()
    {
        Add(DatabaseProvider.Sqlite);
        Add(DatabaseProvider.PostgreSql);
    }
}
