using System.ComponentModel.DataAnnotations;

namespace OrleansGossip.Grains.Live;

/// <summary>How a silo ships live telemetry to the dashboards that watch.</summary>
public sealed class LiveFeedOptions
{
    public const string SectionName = "LiveFeed";

    /// <summary>How often a silo sends each watched run's aggregates: every 100 to 250 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:00.250")]
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>How often a silo asks which runs are watched.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan WatchPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a watch lasts unless its dashboard renews it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan WatchLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often, at most, a node samples its counters and queues for a watched run.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05")]
    public TimeSpan NodeSampleInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
