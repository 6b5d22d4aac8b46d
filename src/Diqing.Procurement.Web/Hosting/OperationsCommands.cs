using Diqing.Procurement.Infrastructure.Files;
using Diqing.Procurement.Infrastructure.Operations;
using Diqing.Procurement.Infrastructure.Persistence;

namespace Diqing.Procurement.Web.Hosting;

/// <summary>
/// <c>Diqing.Procurement.Web backup ARCHIVE [settings]</c> and <c>restore ARCHIVE [settings]</c> (docs/deploy.md): the
/// same configuration as the app (appsettings, environment, command line) names the database, the file store and
/// <c>Audit:CheckpointFolder</c>. Anything else starts the web app.
/// </summary>
internal static class OperationsCommands
{
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args is not [("backup" or "restore") and var verb, ..])
        {
            return null;
        }

        if (args is not [_, var archive, .. var settings] || archive.StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Usage: Diqing.Procurement.Web {verb} <archive.tar.gz> [--Database:Provider ... and the app's other settings]");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(settings);
        var locations = Locations(builder.Configuration, builder.Environment.ContentRootPath);
        try
        {
            var manifest = verb == "backup"
                ? await BackupArchive.CreateAsync(locations, archive)
                : await BackupArchive.RestoreAsync(archive, locations);
            Console.WriteLine($"{(verb == "backup" ? "Backed up to" : "Restored from")} {archive}: {manifest.Provider} database, {manifest.Files} files, " +
                $"{(manifest.Checkpoints is { } n ? $"{n} audit checkpoints" : "no checkpoint folder")}.");
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or IOException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"{verb} failed: {ex.Message}");
            return 1;
        }
    }

    public static BackupLocations Locations(IConfiguration configuration, string contentRoot)
    {
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var files = configuration.GetSection(FileStoreOptions.SectionName).Get<FileStoreOptions>() ?? new FileStoreOptions();
        var checkpoints = configuration["Audit:CheckpointFolder"] is { Length: > 0 } folder ? Path.GetFullPath(Path.Combine(contentRoot, folder)) : null;
        return new BackupLocations(database, contentRoot, files.ResolveRoot(database, contentRoot), checkpoints);
    }
}
