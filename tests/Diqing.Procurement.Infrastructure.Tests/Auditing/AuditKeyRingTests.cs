using System.Security.Cryptography;
using System.Text;
using Diqing.Procurement.Infrastructure.Auditing;

namespace Diqing.Procurement.Infrastructure.Tests.Auditing;

public sealed class AuditKeyRingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "diqing-keyring-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Sm3_gives_the_gb_t_32905_example_for_abc() =>
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Convert.ToHexStringLower(AuditKeyRing.Sm3("abc"u8)));

    [Fact]
    public void Sm3_gives_the_gb_t_32905_example_for_the_64_byte_message() =>
        Assert.Equal(
            "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
            Convert.ToHexStringLower(AuditKeyRing.Sm3(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcd", 16))))));

    [Fact]
    public void Hmac_sm3_is_rfc_2104_over_sm3()
    {
        // HMAC written out by hand (64-byte blocks): H((K ^ opad) || H((K ^ ipad) || m)).
        var key = RandomNumberGenerator.GetBytes(32);
        var message = "审计记录 audit entry"u8.ToArray();
        var block = new byte[64];
        key.CopyTo(block, 0);
        var inner = AuditKeyRing.Sm3(block.Select(b => (byte)(b ^ 0x36)).Concat(message).ToArray());
        var expected = AuditKeyRing.Sm3(block.Select(b => (byte)(b ^ 0x5c)).Concat(inner).ToArray());

        Assert.Equal(expected, AuditKeyRing.HmacSm3(key, message));
    }

    [Fact]
    public void A_key_file_holds_rotated_keys_and_the_last_one_seals()
    {
        var file = KeyFile("2026a " + Key() + "\n# rotated 2027-01\n2027a " + Key() + "\n");

        var ring = AuditKeyRing.Load(new AuditOptions { KeyFile = file }, Path.Combine(_folder, "data"));

        Assert.Equal("2027a", ring.CurrentKeyId);
        Assert.Equal(["2026a", "2027a"], ring.KeyIds.Order());
        Assert.NotNull(ring.Compute("2026a", "x"u8));
        Assert.Null(ring.Compute("2025a", "x"u8));
        Assert.NotEqual(ring.Compute("2026a", "x"u8), ring.Compute("2027a", "x"u8));
    }

    [Fact]
    public void Without_any_key_the_app_is_refused()
    {
        var error = Assert.Throws<AuditKeyException>(() => AuditKeyRing.Load(new AuditOptions(), _folder));
        Assert.Contains("Audit:KeyFile", error.Message);
    }

    [Fact]
    public void A_key_file_inside_the_data_folder_is_refused()
    {
        var data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(data);
        var file = Path.Combine(data, "audit.key");
        File.WriteAllText(file, "k1 " + Key());

        var error = Assert.Throws<AuditKeyException>(() => AuditKeyRing.Load(new AuditOptions { KeyFile = file }, data));
        Assert.Contains("inside the data folder", error.Message);
    }

    [Fact]
    public void A_short_key_is_refused() =>
        Assert.Throws<AuditKeyException>(() => AuditKeyRing.Load(new AuditOptions { Keys = { ["k1"] = Convert.ToBase64String(new byte[16]) } }, _folder));

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_demo_key_is_generated_beside_the_data_folder_owner_only()
    {
        var data = Path.Combine(_folder, "data");

        var options = new AuditOptions().WithDemoDefaults(data);
        var ring = AuditKeyRing.Load(options, data);

        Assert.StartsWith(Path.Combine(_folder, "audit-secrets"), options.KeyFile);
        Assert.Equal(Path.Combine(_folder, "audit-checkpoints"), options.CheckpointFolder);
        Assert.Equal("demo-1", ring.CurrentKeyId);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(options.KeyFile!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(options.KeyFile)!));

        // The next start reuses the key: entries sealed before still verify.
        var again = AuditKeyRing.Load(new AuditOptions().WithDemoDefaults(data), data);
        Assert.Equal(ring.Compute("demo-1", "x"u8), again.Compute("demo-1", "x"u8));
    }

    private string KeyFile(string content)
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "audit.key");
        File.WriteAllText(file, content);
        return file;
    }

    private static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
