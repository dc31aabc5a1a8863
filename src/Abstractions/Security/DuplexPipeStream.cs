using System.Buffers;
using System.IO.Pipelines;

namespace OrleansGossip.Abstractions.Security;

/// <summary>
/// A connection's transport pipe seen as a <see cref="Stream"/>, for <c>SslStream</c> to run on, counting the bytes
/// that pass (TLS records) into <paramref name="traffic"/>. It owns neither side of the pipe. During the handshake
/// every write goes out at once; afterwards (<see cref="CoalesceWrites"/>) the records of one flush of Orleans'
/// are gathered in the pipe and sent together when <c>SslStream</c> passes that flush on, as Orleans does without TLS.
/// </summary>
internal sealed class DuplexPipeStream(IDuplexPipe transport, TlsTraffic traffic) : Stream
{
    private readonly Stream _input = transport.Input.AsStream(leaveOpen: true);
    private readonly Stream _output = transport.Output.AsStream(leaveOpen: true);

    /// <summary>Set once the handshake has completed: writes wait in the pipe for the next flush.</summary>
    public bool CoalesceWrites { get; set; }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => traffic.Received(_input.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        traffic.Received(await _input.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        _output.Write(buffer, offset, count);
        traffic.Sent(count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (CoalesceWrites)
        {
            transport.Output.Write(buffer.Span);
        }
        else
        {
            await _output.WriteAsync(buffer, cancellationToken);
        }

        traffic.Sent(buffer.Length);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        var flushed = await transport.Output.FlushAsync(cancellationToken);
        if (flushed.IsCanceled)
        {
            throw new OperationCanceledException("the flush of the connection's transport was canceled");
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.Dispose();
            _output.Dispose();
        }

        base.Dispose(disposing);
    }
}
