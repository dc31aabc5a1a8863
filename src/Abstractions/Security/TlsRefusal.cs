namespace OrleansGossip.Abstractions.Security;

/// <summary>A connection TLS refused: where, from whom, and why.</summary>
public sealed record TlsRefusal(DateTimeOffset At, TlsEndpoint Endpoint, string Remote, PeerRefusal Refusal, string Reason, string? PeerFingerprint);
