using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Protocol;

/// <summary>
/// The naive baseline: every node sends every body it gets to every peer but the one it came from, and its whole
/// pool to a peer it gains, to a peer whose link works again and to a peer that asks for a retransmission (as a node
/// restarting after a crash does).
/// </summary>
public sealed class FloodingNode(GossipNodeContext context, NodeLedger? ledger = null) : GossipNode(context, ledger)
{
    protected override double? ProtocolDeadlineMs => null;

    protected override void OnTick()
    {
    }

    public override void OnLinkRestored(NodeId peer)
    {
        foreach (var artifact in Pool.Validated.ToList())
        {
            Forward(artifact, peer);
        }
    }

    protected override void OnPeerAdded(NodeId peer) => OnLinkRestored(peer);

    protected override void OnRetransmissionRequest(NodeId from) => OnLinkRestored(from);

    public override void OnRestarted()
    {
        foreach (var peer in Peers)
        {
            Send(peer, RetransmissionRequest.Instance);
        }
    }

    protected override void OnValidated(Artifact artifact, NodeId? source)
    {
        foreach (var peer in Peers)
        {
            if (peer != source)
            {
                Forward(artifact, peer);
            }
        }
    }

    protected override void OnAdvert(NodeId from, Advert advert)
    {
    }

    protected override void OnTransfer(NodeId from, ArtifactTransfer transfer)
    {
        var artifact = transfer.Artifact;
        if (Pool.Contains(artifact.Advert))
        {
            return;
        }

        if (Accept(from, artifact, artifact.Advert))
        {
            OnValidated(artifact, from);
            NotifyClients(artifact);
        }
    }

    private void Forward(Artifact artifact, NodeId peer)
    {
        if (Serve(artifact) is { } body)
        {
            Send(peer, new ArtifactTransfer(body, Priority.Fetch));
        }
    }
}
