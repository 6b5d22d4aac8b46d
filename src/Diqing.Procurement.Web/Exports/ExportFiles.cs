using System.Collections.Concurrent;

namespace Diqing.Procurement.Web.Exports;

/// <summary>
/// Exports written by a page wait here, as temporary files, until the browser fetches them once with an
/// unguessable token; only the user who asked may fetch it, and unfetched files are removed after a while.
/// The page builds the file in its circuit (showing progress); the download itself is a plain HTTP response.
/// </summary>
public sealed class ExportFiles : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<Guid, Ready> _ready = new();
    private readonly TimeProvider _clock;
    private readonly string _folder;

    public ExportFiles(TimeProvider clock)
    {
        _clock = clock;
        var root = Path.Combine(Path.GetTempPath(), "diqing-exports");
        RemoveStaleFolders(root);
        _folder = Path.Combine(root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    /// <summary>A new, empty temporary file for one export.</summary>
    public (string Path, FileStream Stream) Create()
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        return (path, new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous));
    }

    /// <summary>Hands a written file over for download; returns the token of its one download.</summary>
    public Guid Offer(string path, string fileName, string contentType, string userId)
    {
        RemoveExpired();
        var token = Guid.NewGuid();
        _ready[token] = new Ready(path, fileName, contentType, userId, _clock.GetUtcNow() + Lifetime);
        return token;
    }

    /// <summary>The file for its one download by the user who asked for it; it is deleted once the response is sent.</summary>
    public (FileStream Content, string FileName, string ContentType)? Take(Guid token, string? userId)
    {
        RemoveExpired();
        if (userId is null || !_ready.TryGetValue(token, out var ready) || ready.UserId != userId || !_ready.TryRemove(token, out _))
        {
            return null;
        }

        if (ready.ExpiresAt < _clock.GetUtcNow() || !File.Exists(ready.Path))
        {
            Delete(ready.Path);
            return null;
        }

        return (new FileStream(ready.Path, FileMode.Open, FileAccess.Read, FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose), ready.FileName, ready.ContentType);
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Still open elsewhere: removed with the folder at shutdown.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort at shutdown; a later start removes what is left.
        }
    }

    /// <summary>Folders left by a process that did not shut down cleanly (a day old: no export lives that long).</summary>
    private static void RemoveStaleFolders(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            try
            {
                if (Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddDays(-1))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another process's, or in use: left alone.
            }
        }
    }

    private void RemoveExpired()
    {
        var now = _clock.GetUtcNow();
        foreach (var (token, ready) in _ready)
        {
            if (ready.ExpiresAt < now && _ready.TryRemove(token, out _))
            {
                Delete(ready.Path);
            }
        }
    }

    private sealed record Ready(string Path, string FileName, string ContentType, string UserId, DateTimeOffset ExpiresAt);
}
