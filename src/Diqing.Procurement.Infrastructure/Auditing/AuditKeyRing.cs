using System.Security.Cryptography;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Infrastructure.Files;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Diqing.Procurement.Infrastructure.Auditing;

/// <summary>
/// HMAC-SM3 (GB/T 32905 hash, GB/T 39786 integrity) with the audit keys of this installation, each known by its id so
/// that keys can rotate: new entries use the current key, older entries keep verifying with theirs. The keys come from
/// configuration or a key file outside the data folder, never from the database.
/// </summary>
public sealed class AuditKeyRing : IAuditSeal
{
    public const int MinimumKeyBytes = 32;
    private readonly Dictionary<string, byte[]> _keys;

    public AuditKeyRing(IReadOnlyDictionary<string, byte[]> keys, string currentKeyId)
    {
        if (!keys.ContainsKey(currentKeyId))
        {
            throw new AuditKeyException($"Audit:CurrentKeyId '{currentKeyId}' names no configured audit key.");
        }

        _keys = keys.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal);
        CurrentKeyId = currentKeyId;
    }

    public string CurrentKeyId { get; }

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    public string? Compute(string keyId, ReadOnlySpan<byte> content) =>
        _keys.TryGetValue(keyId, out var key) ? Convert.ToHexStringLower(HmacSm3(key, content)) : null;

    public static byte[] HmacSm3(byte[] key, ReadOnlySpan<byte> content)
    {
        var hmac = new HMac(new SM3Digest());
        hmac.Init(new KeyParameter(key));
        hmac.BlockUpdate(content);
        var mac = new byte[hmac.GetMacSize()];
        hmac.DoFinal(mac, 0);
        return mac;
    }

    public static byte[] Sm3(ReadOnlySpan<byte> content)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(content);
        var hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return hash;
    }

    /// <summary>Reads the configured keys; refuses a missing key, a short key, or a key file inside the data folder.</summary>
    public static AuditKeyRing Load(AuditOptions options, string dataFolder)
    {
        var keys = new List<(string Id, byte[] Key)>();
        if (!string.IsNullOrWhiteSpace(options.KeyFile))
        {
            var file = Path.GetFullPath(options.KeyFile);
            var data = Path.GetFullPath(dataFolder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (file.StartsWith(data, StringComparison.Ordinal))
            {
                throw new AuditKeyException($"The audit key file {file} lies inside the data folder; keep it elsewhere (a copy of the data folder must not carry the key).");
            }

            if (!File.Exists(file))
            {
                throw new AuditKeyException($"The audit key file {file} (Audit:KeyFile) does not exist.");
            }

            foreach (var (line, number) in File.ReadAllLines(file).Select((l, i) => (l.Trim(), i + 1)))
            {
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                keys.Add(parts.Length == 2 ? (parts[0], Decode(parts[1], $"{file}, line {number}")) : throw new AuditKeyException($"{file}, line {number}: expected '<key id> <base64 key>'."));
            }
        }

        keys.AddRange(options.Keys.Select(k => (k.Key, Decode(k.Value, "Audit:Keys:" + k.Key))));
        if (keys.Count == 0)
        {
            throw new AuditKeyException(
                "No audit key is configured. Set Audit:KeyFile to a key file outside the data folder, or Audit:Keys:<id> (e.g. the environment variable Audit__Keys__2027a) to a base64 key of at least 32 random bytes; see README, \"Audit key and checkpoints\".");
        }

        var duplicate = keys.GroupBy(k => k.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new AuditKeyException($"The audit key id '{duplicate.Key}' is given twice.");
        }

        return new AuditKeyRing(keys.ToDictionary(k => k.Id, k => k.Key), options.CurrentKeyId ?? keys[^1].Id);
    }

    /// <summary>Writes a new random key (owner-only file in an owner-only folder); used for the demo and by operators.</summary>
    public static void CreateKeyFile(string path, string keyId)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        FilePermissions.CreatePrivateDirectory(folder);
        var line = $"# Audit MAC key (HMAC-SM3). Keep outside the data folder and out of backups of the database.{Environment.NewLine}{keyId} {Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumKeyBytes))}{Environment.NewLine}";
        FilePermissions.WritePrivateFile(path, line);
    }

    private static byte[] Decode(string base64, string where)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new AuditKeyException($"{where}: the audit key is not base64.");
        }

        return key.Length >= MinimumKeyBytes ? key : throw new AuditKeyException($"{where}: an audit key needs at least {MinimumKeyBytes} bytes.");
    }
}

public sealed class AuditKeyException(string message) : InvalidOperationException(message);
