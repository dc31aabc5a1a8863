namespace OrleansGossip.Abstractions.Security;

/// <summary>Bytes of TLS records (ciphertext, handshakes included) sent and received, counted in place.</summary>
public sealed class TlsTraffic
{
    private long _sent;
    private long _received;

    public long BytesSent => Interlocked.Read(ref _sent);

    public long BytesReceived => Interlocked.Read(ref _received);

    internal void Sent(int bytes) => Interlocked.Add(ref _sent, bytes);

    internal int Received(int bytes)
    {
        Interlocked.Add(ref _received, bytes);
        return bytes;
    }
}
