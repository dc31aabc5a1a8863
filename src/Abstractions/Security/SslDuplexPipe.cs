using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;

namespace OrleansGossip.Abstractions.Security;

/// <summary>
/// The plaintext side of a TLS connection as the pipe Orleans reads and writes: an <see cref="SslStream"/> over
/// the connection's transport pipe. Disposing it completes its pipes and the stream, not the transport.
/// </summary>
internal sealed class SslDuplexPipe : IDuplexPipe, IAsyncDisposable
{
    /// <summary>A TLS record carries at most 16 KiB of plaintext: read whole records at once.</summary>
    private const int ReadBufferSize = 16 * 1024 + 512;

    private int _disposed;

    /// <param name="hungUpUnheard">Called once if the peer ends the connection before it has sent a byte of plaintext (see <see cref="FirstReadPipeReader"/>).</param>
    public SslDuplexPipe(IDuplexPipe transport, MemoryPool<byte>? pool, TlsTraffic traffic, RemoteCertificateValidationCallback validate, Action<Exception?> hungUpUnheard)
    {
        Transport = new DuplexPipeStream(transport, traffic);
        Stream = new SslStream(Transport, leaveInnerStreamOpen: false, validate);
        var input = PipeReader.Create(Stream, new StreamPipeReaderOptions(pool, bufferSize: ReadBufferSize, minimumReadSize: 4096, leaveOpen: true));
        Input = new FirstReadPipeReader(input, hungUpUnheard);
        Output = PipeWriter.Create(Stream, new StreamPipeWriterOptions(pool, minimumBufferSize: 16 * 1024, leaveOpen: true));
    }

    public SslStream Stream { get; }

    /// <summary>The transport under the TLS stream.</summary>
    public DuplexPipeStream Transport { get; }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Input.CompleteAsync();
        await Output.CompleteAsync();
        await Stream.DisposeAsync();
    }
}
