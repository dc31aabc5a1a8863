namespace OrleansGossip.Grains.Engine;

/// <summary>The nodes of one subnet of a run activated on this silo, in key order, so that each window asks them alike.</summary>
internal sealed class EngineSubnet
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, EngineNode> _members = new(StringComparer.Ordinal);
    private EngineNode[]? _ordered;

    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _members.Count == 0;
            }
        }
    }

    /// <summary>The members in key order; the same array until one joins or leaves.</summary>
    public EngineNode[] Members
    {
        get
        {
            lock (_gate)
            {
                return _ordered ??= [.. _members.Values];
            }
        }
    }

    public void Add(EngineNode node)
    {
        lock (_gate)
        {
            _members[node.Key] = node;
            _ordered = null;
        }
    }

    /// <summary>Removes <paramref name="node"/> unless another node has taken its key since.</summary>
    public void Remove(EngineNode node)
    {
        lock (_gate)
        {
            if (_members.TryGetValue(node.Key, out var member) && ReferenceEquals(member, node))
            {
                _members.Remove(node.Key);
                _ordered = null;
            }
        }
    }
}
