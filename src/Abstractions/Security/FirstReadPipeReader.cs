using System.IO.Pipelines;
using System.Security.Authentication;

namespace OrleansGossip.Abstractions.Security;

/// <summary>
/// The plaintext reader of an admitted TLS connection, watching for a peer that hangs up before it has sent a single
/// byte. In TLS 1.3 a client finishes its handshake before the server has judged the client's certificate, and a
/// .NET client judges the server's certificate only after it has sent its last handshake message: so a side whose
/// handshake succeeded learns that the other side refused it only when the connection ends unheard. Orleans speaks
/// first on both sides (each sends its preamble), so silence is that refusal (or a peer stopping at that moment).
/// </summary>
internal sealed class FirstReadPipeReader(PipeReader inner, Action<Exception?> hungUpUnheard) : PipeReader
{
    private bool _heard;
    private int _reported;

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
        _heard ? inner.ReadAsync(cancellationToken) : ReadFirstAsync(cancellationToken);

    public override bool TryRead(out ReadResult result)
    {
        if (_heard)
        {
            return inner.TryRead(out result);
        }

        try
        {
            if (!inner.TryRead(out result))
            {
                return false;
            }
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            Report(e);
            throw;
        }

        Observe(result);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    private async ValueTask<ReadResult> ReadFirstAsync(CancellationToken cancellationToken)
    {
        ReadResult result;
        try
        {
            result = await inner.ReadAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            Report(e);
            throw;
        }

        Observe(result);
        return result;
    }

    private void Observe(ReadResult result)
    {
        if (!result.Buffer.IsEmpty)
        {
            _heard = true;
        }
        else if (result.IsCompleted && !result.IsCanceled)
        {
            Report(null);
        }
    }

    private void Report(Exception? error)
    {
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            hungUpUnheard(error);
        }
    }
}
