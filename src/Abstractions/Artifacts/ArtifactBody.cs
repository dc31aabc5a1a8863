using System.Buffers.Binary;

namespace OrleansGossip.Abstractions.Artifacts;

/// <summary>
/// An artifact's payload. Synthetic bodies are described (size and seed) rather than carried, so megabyte bodies
/// cost nothing to pass between grains; real bodies carry their bytes. Both are verified by <see cref="ComputeHash"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ArtifactBody(int Size, ulong Seed, byte[]? Content)
{
    public static ArtifactBody Synthetic(int size, ulong seed) => new(size, seed, null);

    public static ArtifactBody FromBytes(byte[] content) => new(content.Length, 0, content);

    public bool IsSynthetic => Content is null;

    /// <summary>The integrity hash of the body as it is: the same description or bytes give the same hash.</summary>
    public Hash128 ComputeHash(ArtifactKind kind)
    {
        if (Content is not null)
        {
            return Hash128.Of(Content);
        }

        Span<byte> description = stackalloc byte[13];
        description[0] = (byte)kind;
        BinaryPrimitives.WriteInt32LittleEndian(description[1..], Size);
        BinaryPrimitives.WriteUInt64LittleEndian(description[5..], Seed);
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
            return new ArtifactBody(1, 0, [0xFF]);
        }

        copy[0] ^= 0xFF;
        return new ArtifactBody(copy.Length, 0, copy);
    }
}
