using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Abstractions.Live;

/// <summary>The layout of <see cref="LiveNodeSample.Counters"/>: <see cref="Fields"/> counters for each artifact kind in turn.</summary>
public static class LiveCounters
{
    public const int Created = 0;
    public const int Deliveries = 1;
    public const int BodiesReceived = 2;
    public const int BodyBytesReceived = 3;
    public const int AdvertsSent = 4;
    public const int AdvertsReceived = 5;
    public const int RequestsSent = 6;
    public const int Rejected = 7;
    public const int Fields = 8;

    public static int Length => ArtifactKinds.All.Count * Fields;

    public static int IndexOf(ArtifactKind kind, int field) => ((int)kind * Fields) + field;

    /// <summary>Lays out a node's counters per kind.</summary>
    public static long[] From(IReadOnlyDictionary<ArtifactKind, KindCounters> counters)
    {
        var values = new long[Length];
        foreach (var (kind, c) in counters)
        {
            var at = (int)kind * Fields;
            values[at + Created] = c.Created;
            values[at + Deliveries] = c.Deliveries;
            values[at + BodiesReceived] = c.BodiesReceived;
            values[at + BodyBytesReceived] = c.BodyBytesReceived;
            values[at + AdvertsSent] = c.AdvertsSent;
            values[at + AdvertsReceived] = c.AdvertsReceived;
            values[at + RequestsSent] = c.RequestsSent;
            values[at + Rejected] = c.Rejected;
        }

        return values;
    }
}
