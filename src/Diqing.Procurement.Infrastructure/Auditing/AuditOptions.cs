namespace Diqing.Procurement.Infrastructure.Auditing;

/// <summary>The "Audit" configuration section: where the audit MAC keys and the chain checkpoints live (R-31, ADR 0003).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>A key file outside the data folder: one key a line, "<c>&lt;key id&gt; &lt;base64 of at least 32 bytes&gt;</c>"; # starts a comment.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Keys given in configuration, key id → base64 (e.g. the environment variable <c>Audit__Keys__2027a</c>).</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The key that seals new entries; by default the last key of the file, or the only configured key.</summary>
    public string? CurrentKeyId { get; set; }

    /// <summary>Folder of the signed chain-head checkpoints: outside the database, ideally on other storage than it.</summary>
    public string? CheckpointFolder { get; set; }

    /// <summary>
    /// Demo mode and tests: a key file and a checkpoint folder beside the data folder (never inside it), created on first
    /// use. Outside demo mode nothing is defaulted: without a key the app refuses to start.
    /// </summary>
    public AuditOptions WithDemoDefaults(string dataFolder)
    {
        var beside = Path.GetDirectoryName(Path.GetFullPath(dataFolder).TrimEnd(Path.DirectorySeparatorChar)) ?? dataFolder;
        if (string.IsNullOrWhiteSpace(KeyFile) && Keys.Count == 0)
        {
            KeyFile = Path.Combine(beside, "audit-secrets", "audit-demo.key");
            if (!File.Exists(KeyFile))
            {
                AuditKeyRing.CreateKeyFile(KeyFile, "demo-1");
            }
        }

        CheckpointFolder ??= Path.Combine(beside, "audit-checkpoints");
        return this;
    }
}
