using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace OrleansGossip.Abstractions.Security;

/// <summary>
/// Counts, logs and keeps the TLS connections of this process: handshakes admitted and refused (on the
/// <c>OrleansGossip</c> meter as <c>orleansgossip.tls.handshakes</c>, <c>orleansgossip.tls.refused</c>,
/// <c>orleansgossip.tls.connections</c> and <c>orleansgossip.tls.bytes</c>), the last refusals, and the open connections, so that a peer an
/// <see cref="IPeerAuthorizer"/> stops admitting (a revoked silo) is disconnected at once.
/// </summary>
public sealed partial class TlsConnectionMonitor : IDisposable
{
    public const string MeterName = "OrleansGossip";

    private const int KeptRefusals = 100;

    /// <summary>A peer refused again for the same reason within this time is counted, not logged again.</summary>
    private static readonly TimeSpan RefusalLogInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(TlsEndpoint, string, PeerRefusal), RefusalLog> _refusalLogs = new();
    private readonly ConcurrentDictionary<ConnectionContext, TlsConnectionFeature> _open = new();
    private readonly ConcurrentQueue<TlsRefusal> _refusals = new();
    private readonly IPeerAuthorizer[] _authorizers;
    private readonly PeerCertificateValidator _validator;
    private readonly TimeProvider _time;
    private readonly ILogger<TlsConnectionMonitor> _logger;
    private readonly Counter<long> _handshakes;
    private readonly Counter<long> _refused;
    private readonly UpDownCounter<long> _connections;
    private long _accepted;
    private long _refusedCount;

    public TlsConnectionMonitor(
        IEnumerable<IPeerAuthorizer> authorizers,
        PeerCertificateValidator validator,
        IMeterFactory meters,
        TimeProvider time,
        ILogger<TlsConnectionMonitor> logger)
    {
        _authorizers = authorizers.ToArray();
        _validator = validator;
        _time = time;
        _logger = logger;
        var meter = meters.Create(MeterName);
        _handshakes = meter.CreateCounter<long>("orleansgossip.tls.handshakes", "{handshake}", "TLS handshakes that admitted the peer");
        _refused = meter.CreateCounter<long>("orleansgossip.tls.refused", "{connection}", "Connections refused by TLS: untrusted, expired, revoked or missing certificates, plaintext peers, and peers that refused this process");
        _connections = meter.CreateUpDownCounter<long>("orleansgossip.tls.connections", "{connection}", "Open TLS connections");
        meter.CreateObservableCounter("orleansgossip.tls.bytes", () => new[]
        {
            new Measurement<long>(Traffic.BytesSent, new KeyValuePair<string, object?>("direction", "sent")),
            new Measurement<long>(Traffic.BytesReceived, new KeyValuePair<string, object?>("direction", "received")),
        }, "By", "Bytes of TLS records sent and received, handshakes included");
        foreach (var authorizer in _authorizers)
        {
            authorizer.Changed += ReauthorizeOpenConnections;
        }
    }

    /// <summary>The bytes of TLS records this process has sent and received on all its connections.</summary>
    public TlsTraffic Traffic { get; } = new();

    /// <summary>Handshakes that admitted the peer, since start.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Connections refused, since start.</summary>
    public long Refused => Interlocked.Read(ref _refusedCount);

    /// <summary>The last refusals, oldest first.</summary>
    public IReadOnlyList<TlsRefusal> RecentRefusals => _refusals.ToArray();

    /// <summary>The open TLS connections, with their peers.</summary>
    public IReadOnlyList<TlsConnectionFeature> OpenConnections => _open.Values.ToArray();

    internal void OnAccepted(ConnectionContext connection, TlsConnectionFeature feature)
    {
        Interlocked.Increment(ref _accepted);
        _open[connection] = feature;
        _handshakes.Add(1, new KeyValuePair<string, object?>("endpoint", feature.Endpoint.WireName()));
        _connections.Add(1, new KeyValuePair<string, object?>("endpoint", feature.Endpoint.WireName()));
        LogAccepted(_logger, feature.Endpoint.WireName(), Remote(connection), feature.Peer.Subject, feature.Peer.Fingerprint, feature.Protocol.ToString(), feature.CipherSuite.ToString());
    }

    internal void OnClosed(ConnectionContext connection)
    {
        if (_open.TryRemove(connection, out var feature))
        {
            _connections.Add(-1, new KeyValuePair<string, object?>("endpoint", feature.Endpoint.WireName()));
        }
    }

    internal void OnRefused(ConnectionContext connection, TlsEndpoint endpoint, PeerRefusal refusal, string reason, string? fingerprint)
    {
        Interlocked.Increment(ref _refusedCount);
        _refusals.Enqueue(new TlsRefusal(_time.GetUtcNow(), endpoint, Remote(connection), refusal, reason, fingerprint));
        while (_refusals.Count > KeptRefusals && _refusals.TryDequeue(out _))
        {
        }

        _refused.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint.WireName()), new KeyValuePair<string, object?>("reason", refusal.ToString()));
        if (ShouldLog(endpoint, connection, refusal, out var suppressed))
        {
            LogRefused(_logger, endpoint.WireName(), Remote(connection), refusal.ToString(), reason, suppressed);
        }
    }

    /// <summary>An admitted peer closed the connection before sending a byte: it refused this process (see <see cref="PeerRefusal.RefusedByPeer"/>).</summary>
    internal void OnHungUpUnheard(ConnectionContext connection, TlsEndpoint endpoint, PeerIdentity? peer, Exception? error)
    {
        var how = error is null ? "" : $" ({error.Message})";
        OnRefused(
            connection,
            endpoint,
            PeerRefusal.RefusedByPeer,
            $"the peer '{peer?.Subject}' closed the connection after the TLS handshake without sending a byte{how}: it does not admit this process's certificate, or it was stopping",
            peer?.Fingerprint);
    }

    /// <summary>
    /// One warning per peer address, endpoint and reason every <see cref="RefusalLogInterval"/>: a peer that keeps
    /// reconnecting (or a flood of bad connections) must not turn into a flood of log lines.
    /// </summary>
    private bool ShouldLog(TlsEndpoint endpoint, ConnectionContext connection, PeerRefusal refusal, out long suppressed)
    {
        var address = connection.RemoteEndPoint is System.Net.IPEndPoint ip ? ip.Address.ToString() : Remote(connection);
        var log = _refusalLogs.GetOrAdd((endpoint, address, refusal), _ => new RefusalLog());
        var now = _time.GetTimestamp();
        lock (log)
        {
            if (log.LoggedAt != 0 && _time.GetElapsedTime(log.LoggedAt, now) < RefusalLogInterval)
            {
                log.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = log.Suppressed;
            log.Suppressed = 0;
            log.LoggedAt = now;
        }

        if (_refusalLogs.Count > 10_000)
        {
            _refusalLogs.Clear();
        }

        return true;
    }

    /// <summary>Checks every open connection's peer against the authorizers again and aborts those no longer admitted.</summary>
    public void ReauthorizeOpenConnections()
    {
        foreach (var (connection, feature) in _open)
        {
            if (_validator.Reauthorize(feature.Peer, feature.Endpoint.PeerRole()) is { } reason)
            {
                OnRefused(connection, feature.Endpoint, PeerRefusal.Revoked, $"{reason}; the open connection is closed", feature.Peer.Fingerprint);
                connection.Abort(new ConnectionAbortedException($"TLS peer '{feature.Peer.Subject}' is no longer admitted: {reason}"));
            }
        }
    }

    public void Dispose()
    {
        foreach (var authorizer in _authorizers)
        {
            authorizer.Changed -= ReauthorizeOpenConnections;
        }
    }

    private static string Remote(ConnectionContext connection) => connection.RemoteEndPoint?.ToString() ?? "unknown";

    [LoggerMessage(Level = LogLevel.Debug, Message = "TLS {Endpoint} connection with {Remote}: admitted '{Subject}' ({Fingerprint}), {Protocol} {CipherSuite}")]
    private static partial void LogAccepted(ILogger logger, string endpoint, string remote, string subject, string fingerprint, string protocol, string cipherSuite);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS {Endpoint} connection with {Remote} refused ({Refusal}): {Reason} ({Suppressed} more like it since the last such message)")]
    private static partial void LogRefused(ILogger logger, string endpoint, string remote, string refusal, string reason, long suppressed);

    private sealed class RefusalLog
    {
        public long LoggedAt { get; set; }

        public long Suppressed { get; set; }
    }
}
