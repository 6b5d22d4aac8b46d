namespace Diqing.Procurement.Infrastructure.Files;

/// <summary>Owner-only folders (0700) and files (0600) for the database, keys and checkpoints; no-ops on Windows, whose ACLs differ.</summary>
public static class FilePermissions
{
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, PrivateDirectory);
        File.SetUnixFileMode(path, PrivateDirectory);
    }

    /// <summary>Makes an existing file owner-only (e.g. the SQLite database and its journal files).</summary>
    public static void RestrictFile(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, PrivateFile);
        }
    }

    public static void WritePrivateFile(string path, string content)
    {
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(path, content);
            return;
        }

        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = PrivateFile,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}
