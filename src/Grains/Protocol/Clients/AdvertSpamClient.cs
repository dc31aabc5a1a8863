using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;

namespace OrleansGossip.Grains.Protocol.Clients;

/// <summary>
/// The <c>advert-spam</c> behaviour: the node adverts, to each of its peers, <paramref name="ratePerSecond"/>
/// artifacts a second that do not exist (ingress with random ids and hashes, unexpired, so that honest nodes want
/// them), until <paramref name="untilMs"/>. Nobody can serve them: honest nodes time out on them and give them up.
/// Each round's bogus adverts go to every peer alike; rounds are at least <see cref="MinRoundMs"/> apart.
/// </summary>
public sealed class AdvertSpamClient(GossipNode node, IGossipTransport transport, Random random, double ratePerSecond, double untilMs)
    : IArtifactClient
{
    /// <summary>The least time between two rounds of bogus adverts.</summary>
    public const double MinRoundMs = 50;

    /// <summary>The expiry bogus ingress claims, from when it is adverted: as long as real ingress lives.</summary>
    public const double ExpiryMs = 5 * 60 * 1000;

    /// <summary>The size bogus adverts claim.</summary>
    public const int ClaimedSize = 1024;

    private readonly double _roundMs = Math.Max(MinRoundMs, 1000 / ratePerSecond);
    private double _lastMs = node.NowMs;
    private double _owed;

    /// <summary>Bogus artifacts adverted so far (each to every peer).</summary>
    public long Adverted { get; private set; }

    public double? NextDeadlineMs => _lastMs < untilMs ? Math.Min(_lastMs + _roundMs, untilMs) : null;

    public void OnArtifact(Artifact artifact)
    {
    }

    public bool IsStale(Advert advert) => false;

    public void Tick()
    {
        var now = Math.Min(node.NowMs, untilMs);
        if (NextDeadlineMs is not { } due || now < due)
        {
            return;
        }

        _owed += ratePerSecond * (now - _lastMs) / 1000;
        _lastMs = now;
        var count = (int)Math.Floor(_owed + 1e-9);
        _owed -= count;
        for (var i = 0; i < count; i++)
        {
            var id = new ArtifactId(new Hash128((ulong)random.NextInt64(), (ulong)random.NextInt64()));
            var hash = new Hash128((ulong)random.NextInt64(), (ulong)random.NextInt64());
            var advert = new Advert(id, ArtifactKind.Ingress, (long)(now + ExpiryMs), ClaimedSize, hash);
            foreach (var peer in node.Peers)
            {
                node.Ledger.For(ArtifactKind.Ingress).AdvertsSent++;
                transport.Send(peer, new AdvertMessage(advert));
            }

            Adverted++;
        }
    }
}
