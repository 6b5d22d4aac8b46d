using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Diqing.Procurement.EndToEnd.Tests.Infrastructure;

/// <summary>RFC 6238 codes (HMAC-SHA1, 30 s, 6 digits) as an authenticator app computes them from a Base32 key.</summary>
public static class Totp
{
    /// <summary>The published demo keys (README) of the accounts that need a second factor.</summary>
    public static readonly IReadOnlyDictionary<string, string> DemoKeys = new Dictionary<string, string>
    {
        ["admin"] = "DQMZDEMOADMINTOTPKEYREADMEONLYAA",
        ["finance"] = "DQMZDEMOFINANCETOTPKEYREADMEONLY",
    };

    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
        var offset = hash[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string key)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = key.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
