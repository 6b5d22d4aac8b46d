using System.Globalization;
using System.Text.Json;
using Diqing.Procurement.Domain.Auditing;

namespace Diqing.Procurement.Infrastructure.Auditing;

/// <summary>
/// Signed checkpoints of the audit chain head as small JSON files in <see cref="AuditOptions.CheckpointFolder"/>, one
/// per checkpoint, named by time so that the newest sorts last. Outside the database on purpose: an insider with
/// only database access cannot take them back (ADR 0003). Copy the folder to write-once storage for more.
/// </summary>
public sealed class AuditCheckpointStore(string folder)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public string Folder { get; } = folder;

    public void Write(AuditCheckpoint checkpoint)
    {
        Directory.CreateDirectory(Folder);
        var name = string.Create(CultureInfo.InvariantCulture, $"{checkpoint.CreatedAtUtc:yyyyMMdd'T'HHmmssfffffff'Z'}-{checkpoint.Sequence:D12}.json");
        var path = Path.Combine(Folder, name);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(checkpoint, Json));
        File.Move(temporary, path, overwrite: false);
    }

    /// <summary>The newest checkpoint, or null when none was written yet. A file that does not parse comes back unsigned,
    /// so verification reports it as an invalid checkpoint instead of quietly falling back to an older one.</summary>
    public AuditCheckpoint? Latest()
    {
        if (!Directory.Exists(Folder))
        {
            return null;
        }

        var newest = Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal).LastOrDefault();
        if (newest is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<AuditCheckpoint>(File.ReadAllText(newest), Json)
                ?? Unreadable();
        }
        catch (JsonException)
        {
            return Unreadable();
        }

        static AuditCheckpoint Unreadable() => new(0, AuditEntry.GenesisMac, DateTime.UnixEpoch, string.Empty, string.Empty);
    }
}
