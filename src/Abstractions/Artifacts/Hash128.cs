using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace OrleansGossip.Abstractions.Artifacts;

/// <summary>
/// A 128-bit digest. Artifact ids and the hashes of real body bytes are the leading half of a SHA-256
/// (<see cref="Of"/>); a synthetic body's description, which every receiver checks and which no adversary picks,
/// is hashed with XXH128 (<see cref="OfDescription"/>), a thousand times cheaper on the hot path.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct Hash128(ulong High, ulong Low)
{
    public static Hash128 Of(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(data, digest);
        return new Hash128(BinaryPrimitives.ReadUInt64BigEndian(digest), BinaryPrimitives.ReadUInt64BigEndian(digest[8..]));
    }

    /// <summary>A non-cryptographic 128-bit hash of a short description (a synthetic body's kind, size and seed).</summary>
    public static Hash128 OfDescription(ReadOnlySpan<byte> description)
    {
        var hash = XxHash128.HashToUInt128(description);
        return new Hash128((ulong)(hash >> 64), (ulong)hash);
    }

    public override string ToString() => $"{High:x16}{Low:x16}";

    /// <summary>Reads the 32 hexadecimal digits <see cref="ToString"/> writes; false for anything else.</summary>
    public static bool TryParse(string? text, out Hash128 hash)
    {
        hash = default;
        if (text is not { Length: 32 }
            || !ulong.TryParse(text.AsSpan(0, 16), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var high)
            || !ulong.TryParse(text.AsSpan(16), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var low))
        {
            return false;
        }

        hash = new Hash128(high, low);
        return true;
    }
}
