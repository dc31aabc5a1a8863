using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Live;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Live;

/// <summary>
/// What a silo's nodes of one watched run did since the last batch. Nodes add after their turns, a turn's worth at a
/// time; the pump takes everything at once. Deliveries are grouped by artifact as they come, so that a batch holds
/// one entry per artifact, not per delivery.
/// </summary>
public sealed class LiveRunBuffer(string runId)
{
    private readonly Lock _lock = new();
    private List<LiveCreated> _created = [];
    private Dictionary<ArtifactId, DeliveryGroup> _deliveries = [];
    private Dictionary<NodeId, LiveNodeSample> _samples = [];

    public string RunId { get; } = runId;

    /// <summary>Adds a node's creations and deliveries since its last turn (the lists from the given positions on).</summary>
    public void Add(
        SubnetId subnet,
        NodeId node,
        IReadOnlyList<ArtifactOrigin> created,
        int createdFrom,
        IReadOnlyList<DeliveryRecord> deliveries,
        int deliveriesFrom)
    {
        if (createdFrom >= created.Count && deliveriesFrom >= deliveries.Count)
        {
            return;
        }

        lock (_lock)
        {
            for (var i = createdFrom; i < created.Count; i++)
            {
                var origin = created[i];
                _created.Add(new LiveCreated(origin.Artifact, origin.Kind, origin.Size, subnet, node, origin.AtMs));
            }

            for (var i = deliveriesFrom; i < deliveries.Count; i++)
            {
                var delivery = deliveries[i];
                if (!_deliveries.TryGetValue(delivery.Artifact, out var group))
                {
                    group = new DeliveryGroup(subnet);
                    _deliveries[delivery.Artifact] = group;
                }

                group.Nodes.Add(node);
                group.AtMs.Add(delivery.AtMs);
            }
        }
    }

    /// <summary>Keeps a node's latest sample.</summary>
    public void Sample(LiveNodeSample sample)
    {
        lock (_lock)
        {
            _samples[sample.Node] = sample;
        }
    }

    /// <summary>Everything added since the last call, as one batch; the buffer starts afresh.</summary>
    public LiveBatch Take(string silo)
    {
        List<LiveCreated> created;
        Dictionary<ArtifactId, DeliveryGroup> deliveries;
        Dictionary<NodeId, LiveNodeSample> samples;
        lock (_lock)
        {
            if (_created.Count == 0 && _deliveries.Count == 0 && _samples.Count == 0)
            {
                return new LiveBatch(RunId, silo, [], [], []);
            }

            (created, _created) = (_created, []);
            (deliveries, _deliveries) = (_deliveries, []);
            (samples, _samples) = (_samples, []);
        }

        return new LiveBatch(
            RunId,
            silo,
            created,
            deliveries.Select(d => new LiveDeliveries(d.Key, d.Value.Subnet, d.Value.Nodes, d.Value.AtMs)).ToList(),
            samples.Values.ToList());
    }

    private sealed class DeliveryGroup(SubnetId subnet)
    {
        public SubnetId Subnet { get; } = subnet;

        public List<NodeId> Nodes { get; } = [];

        public List<double> AtMs { get; } = [];
    }
}
