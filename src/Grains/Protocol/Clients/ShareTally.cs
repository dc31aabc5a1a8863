using System.Runtime.InteropServices;
using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Grains.Protocol.Clients;

/// <summary>
/// Shares counted per height and block, each signer once. Its tables hold no references: a set object per height and
/// block, once old, was one more reference from an old object to a young one that every young collection followed.
/// </summary>
public sealed class ShareTally
{
    private readonly HashSet<(long Height, ArtifactId Block, ulong Signer)> _signed = [];
    private readonly Dictionary<(long Height, ArtifactId Block), int> _signers = [];

    /// <summary>Counts <paramref name="signer"/>'s share for <paramref name="block"/> at <paramref name="height"/>, once; returns how many signed it.</summary>
    public int Add(long height, ArtifactId block, ulong signer)
    {
        ref var signers = ref CollectionsMarshal.GetValueRefOrAddDefault(_signers, (height, block), out _);
        if (_signed.Add((height, block, signer)))
        {
            signers++;
        }

        return signers;
    }

    /// <summary>Forgets the shares at <paramref name="height"/> and below.</summary>
    public void ForgetUpTo(long height)
    {
        if (_signers.Count == 0)
        {
            return;
        }

        _signed.RemoveWhere(share => share.Height <= height);
        foreach (var key in _signers.Keys)
        {
            if (key.Height <= height)
            {
                _signers.Remove(key);
            }
        }
    }
}
