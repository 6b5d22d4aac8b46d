using System.Security.Cryptography;
using Diqing.Procurement.Infrastructure.Persistence;

namespace Diqing.Procurement.Infrastructure.Files;

/// <summary>Where attachment bytes live; the database keeps only their description (docs/decisions/0007).</summary>
public interface IFileStore
{
    /// <summary>Stores the content under a new key and returns the key and the content's SHA-256 (hex).</summary>
    Task<(string Key, string Sha256)> SaveAsync(Stream content, CancellationToken cancellationToken);

    Stream OpenRead(string key);

    void Delete(string key);
}

/// <summary>Files in a folder ("files" under the data folder): one file per attachment, named by a random key.</summary>
public sealed class FolderFileStore(string root) : IFileStore
{
    public string Root => root;

    public async Task<(string Key, string Sha256)> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        var key = $"{DateTime.UtcNow:yyyy/MM}/{Guid.NewGuid():N}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, buffer.Length, useAsync: true))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        return (key, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    public Stream OpenRead(string key) => new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(string key)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private string PathOf(string key)
    {
        // Keys are generated here; refuse anything that could leave the root anyway.
        var full = Path.GetFullPath(Path.Combine(root, key));
        return full.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) ? full : throw new InvalidOperationException("Bad storage key.");
    }
}

/// <summary>The "Files" configuration section: where attachment bytes are kept.</summary>
public sealed class FileStoreOptions
{
    public const string SectionName = "Files";

    /// <summary>
    /// The store's folder; by default "files" in the data folder. Several instances of the app must
    /// share one folder (a network share or a mounted volume), as they share one database.
    /// Relative paths are under the app's content root.
    /// </summary>
    public string? Root { get; set; }

    public string ResolveRoot(DatabaseOptions database, string contentRoot) =>
        string.IsNullOrWhiteSpace(Root)
            ? Path.Combine(database.ResolveDataFolder(contentRoot), "files")
            : Path.GetFullPath(Path.Combine(contentRoot, Root));
}
