using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Diqing.Procurement.Infrastructure.Operations;

/// <summary>What a backup holds and a restore fills: the database, the file store and the audit checkpoints (<c>Audit:CheckpointFolder</c>).</summary>
public sealed record BackupLocations(DatabaseOptions Database, string ContentRoot, string FileStoreRoot, string? CheckpointFolder);

/// <summary>
/// One archive (.tar.gz) with everything a restore needs (docs/deploy.md): <c>database/</c> (an SQLite online
/// backup, or a pg_dump of PostgreSQL in its custom format), <c>files/</c> (the attachment bytes), <c>checkpoints/</c>
/// (when the checkpoint folder exists) and <c>manifest.json</c>. The database is copied first: every attachment it
/// describes is already in the store then (files are written before their row), so the archive is consistent while
/// the app runs; at worst it holds a few files no row names yet. SQL Server is backed up with its own tools (docs/deploy.md).
/// </summary>
public static class BackupArchive
{
    private const string DatabaseEntry = "database";
    private const string FilesEntry = "files";
    private const string CheckpointsEntry = "checkpoints";
    private const string ManifestEntry = "manifest.json";

    public static async Task<BackupManifest> CreateAsync(BackupLocations from, string archivePath, CancellationToken cancellationToken = default)
    {
        var staging = Directory.CreateTempSubdirectory("diqing-backup-");
        try
        {
            var database = Directory.CreateDirectory(Path.Combine(staging.FullName, DatabaseEntry)).FullName;
            switch (from.Database.Provider)
            {
                case DatabaseProvider.Sqlite:
                    await using (var source = new SqliteConnection(from.Database.ResolveConnectionString(from.ContentRoot)))
                    await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(database, "diqing.db"), Pooling = false }.ToString()))
                    {
                        await source.OpenAsync(cancellationToken);
                        await copy.OpenAsync(cancellationToken);
                        source.BackupDatabase(copy); // SQLite's online backup: a consistent copy while the app writes
                    }

                    break;
                case DatabaseProvider.PostgreSql:
                    await PgToolAsync("pg_dump", from.Database.ResolveConnectionString(from.ContentRoot),
                        ["--format=custom", "--no-owner", "--no-privileges", "--file", Path.Combine(database, "diqing.pgdump")], cancellationToken);
                    break;
                default:
                    throw new NotSupportedException("SQL Server is backed up with BACKUP DATABASE (docs/deploy.md); copy the file store and the checkpoint folder beside it.");
            }

            var files = CopyFolder(from.FileStoreRoot, Path.Combine(staging.FullName, FilesEntry));
            var checkpoints = from.CheckpointFolder is { } folder && Directory.Exists(folder) ? CopyFolder(folder, Path.Combine(staging.FullName, CheckpointsEntry)) : (int?)null;
            var manifest = new BackupManifest(from.Database.Provider, DateTime.UtcNow, files, checkpoints);
            await File.WriteAllTextAsync(Path.Combine(staging.FullName, ManifestEntry), JsonSerializer.Serialize(manifest), cancellationToken);

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(archivePath))!);
            await using (var archive = File.Create(archivePath))
            await using (var gzip = new GZipStream(archive, CompressionLevel.Optimal))
            {
                await TarFile.CreateFromDirectoryAsync(staging.FullName, gzip, includeBaseDirectory: false, cancellationToken);
            }

            return manifest;
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    /// <summary>Restores an archive into an empty database, file store and checkpoint folder; refuses to overwrite anything.</summary>
    public static async Task<BackupManifest> RestoreAsync(string archivePath, BackupLocations to, CancellationToken cancellationToken = default)
    {
        var staging = Directory.CreateTempSubdirectory("diqing-restore-");
        try
        {
            await using (var archive = File.OpenRead(archivePath))
            await using (var gzip = new GZipStream(archive, CompressionMode.Decompress))
            {
                await TarFile.ExtractToDirectoryAsync(gzip, staging.FullName, overwriteFiles: false, cancellationToken);
            }

            var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(Path.Combine(staging.FullName, ManifestEntry), cancellationToken))
                ?? throw new InvalidDataException("The archive has no manifest.");
            if (manifest.Provider != to.Database.Provider)
            {
                throw new InvalidOperationException($"The archive holds a {manifest.Provider} database; Database:Provider is {to.Database.Provider}.");
            }

            RequireEmpty(to.FileStoreRoot, "file store");
            if (to.CheckpointFolder is { } checkpointFolder)
            {
                RequireEmpty(checkpointFolder, "checkpoint folder");
            }

            var connectionString = to.Database.ResolveConnectionString(to.ContentRoot);
            var database = Path.Combine(staging.FullName, DatabaseEntry);
            if (manifest.Provider == DatabaseProvider.Sqlite)
            {
                var target = new SqliteConnectionStringBuilder(connectionString).DataSource;
                if (File.Exists(target))
                {
                    throw new InvalidOperationException($"{target} exists: a restore fills an empty place only.");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
                File.Copy(Path.Combine(database, "diqing.db"), target);
            }
            else
            {
                await using (var connection = new NpgsqlConnection(connectionString))
                {
                    await connection.OpenAsync(cancellationToken);
                    await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
                    if ((long)(await tables.ExecuteScalarAsync(cancellationToken))! > 0)
                    {
                        throw new InvalidOperationException($"The database {connection.Database} is not empty: a restore fills an empty database only.");
                    }
                }

                await PgToolAsync("pg_restore", connectionString,
                    ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", Path.Combine(database, "diqing.pgdump")], cancellationToken);
            }

            CopyFolder(Path.Combine(staging.FullName, FilesEntry), to.FileStoreRoot);
            if (Directory.Exists(Path.Combine(staging.FullName, CheckpointsEntry)))
            {
                CopyFolder(Path.Combine(staging.FullName, CheckpointsEntry), to.CheckpointFolder
                    ?? throw new InvalidOperationException("The archive holds audit checkpoints: set Audit:CheckpointFolder to restore them."));
            }

            return manifest;
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    private static void RequireEmpty(string folder, string what)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new InvalidOperationException($"The {what} {folder} is not empty: a restore fills an empty place only.");
        }
    }

    private static int CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from))
        {
            return 0;
        }

        var count = 0;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            count++;
        }

        return count;
    }

    /// <summary>Runs pg_dump or pg_restore (from PATH) against the database of the connection string; the password goes by environment, never on the command line.</summary>
    private static async Task PgToolAsync(string tool, string connectionString, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("--dbname");
        start.ArgumentList.Add(builder.Database ?? throw new InvalidOperationException("The connection string names no database."));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = builder.Host;
        start.Environment["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = builder.Username;
        if (builder.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed (exit code {process.ExitCode}): {await errors}{await output}");
        }
    }
}

/// <summary>The archive's <c>manifest.json</c>.</summary>
public sealed record BackupManifest(DatabaseProvider Provider, DateTime CreatedAtUtc, int Files, int? Checkpoints);
