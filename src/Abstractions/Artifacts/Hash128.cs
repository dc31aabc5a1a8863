using System.Buffers.Binary;
using System.Security.Cryptography;

namespace OrleansGossip.Abstractions.Artifacts;

/// <summary>A 128-bit digest: the leading half of a SHA-256. Artifact ids and integrity hashes are both of this form.</summary>
[GenerateSerializer, Immutable]
public readonly record struct Hash128(ulong High, ulong Low)
{
    public static Hash128 Of(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(data, digest);
        return new Hash128(BinaryPrimitives.ReadUInt64BigEndian(digest), BinaryPrimitives.ReadUInt64BigEndian(digest[8..]));
    }

    public override string ToString() => $"{High:x16}{Low:x16}";
}
