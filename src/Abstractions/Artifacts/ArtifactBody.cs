using System.Buffers.Binary;

namespace OrleansGossip.Abstractions.Artifacts;

/// <summary>
/// An artifact's payload. Synthetic bodies are described (size and seed) rather than carried, so megabyte bodies
/// cost nothing to pass between grains; real bodies carry their bytes. A body may name the artifacts it carries or
/// refers to (<see cref="Includes"/>: a block's ingress, the block a share is for); they are part of what the hash
/// covers. Both kinds are verified by <see cref="ComputeHash"/>: real bytes by SHA-256, a synthetic body's
/// description by a fast non-cryptographic hash (a corrupted description still fails it).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ArtifactBody(int Size, ulong Seed, byte[]? Content, IReadOnlyList<ArtifactId>? Includes = null)
{
    public static ArtifactBody Synthetic(int size, ulong seed) => new(size, seed, null);

    public static ArtifactBody FromBytes(byte[] content) => new(content.Length, 0, content);

    public bool IsSynthetic => Content is null;

    /// <summary>The integrity hash of the body as it is: the same description or bytes give the same hash.</summary>
    public Hash128 ComputeHash(ArtifactKind kind)
    {
        var includes = Includes?.Count ?? 0;
        if (Content is not null && includes == 0)
        {
            return Hash128.Of(Content);
        }

        const int header = 13;
        var length = header + (16 * includes) + (Content is null ? 0 : 16);
        var description = length <= 512 ? stackalloc byte[length] : new byte[length];
        description[0] = (byte)kind;
        BinaryPrimitives.WriteInt32LittleEndian(description[1..], Size);
        BinaryPrimitives.WriteUInt64LittleEndian(description[5..], Seed);
        var offset = header;
        for (var i = 0; i < includes; i++, offset += 16)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(description[offset..], Includes![i].Hash.High);
            BinaryPrimitives.WriteUInt64LittleEndian(description[(offset + 8)..], Includes[i].Hash.Low);
        }

        if (Content is null)
        {
            return Hash128.OfDescription(description);
        }

        var content = Hash128.Of(Content);
        BinaryPrimitives.WriteUInt64LittleEndian(description[offset..], content.High);
        BinaryPrimitives.WriteUInt64LittleEndian(description[(offset + 8)..], content.Low);
        return Hash128.Of(description);
    }

    /// <summary>A body of the same size whose bytes differ, as a corrupting peer would serve it.</summary>
    public ArtifactBody Corrupted()
    {
        if (Content is null)
        {
            return this with { Seed = ~Seed };
        }

        var copy = (byte[])Content.Clone();
        if (copy.Length == 0)
        {
            return this with { Seed = ~Seed };
        }

        copy[0] ^= 0xFF;
        return this with { Content = copy };
    }
}
