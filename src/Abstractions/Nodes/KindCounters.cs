namespace OrleansGossip.Abstractions.Nodes;

/// <summary>What a node counted for one artifact kind.</summary>
[GenerateSerializer]
public sealed class KindCounters
{
    [Id(0)] public long AdvertsSent { get; set; }

    [Id(1)] public long AdvertsReceived { get; set; }

    [Id(2)] public long RequestsSent { get; set; }

    [Id(3)] public long BodiesReceived { get; set; }

    [Id(4)] public long BodyBytesReceived { get; set; }

    [Id(5)] public long Deliveries { get; set; }

    [Id(6)] public long FetchTimeouts { get; set; }

    [Id(7)] public long Rejected { get; set; }

    [Id(8)] public long Dropped { get; set; }

    [Id(9)] public long Created { get; set; }

    public void Add(KindCounters other)
    {
        AdvertsSent += other.AdvertsSent;
        AdvertsReceived += other.AdvertsReceived;
        RequestsSent += other.RequestsSent;
        BodiesReceived += other.BodiesReceived;
        BodyBytesReceived += other.BodyBytesReceived;
        Deliveries += other.Deliveries;
        FetchTimeouts += other.FetchTimeouts;
        Rejected += other.Rejected;
        Dropped += other.Dropped;
        Created += other.Created;
    }
}
