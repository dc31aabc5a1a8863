using Microsoft.Extensions.Hosting;

namespace OrleansGossip.Grains.Tests.Network;

/// <summary>A host lifetime that never stops, for a scheduler made outside a host.</summary>
internal sealed class NoLifetime : IHostApplicationLifetime
{
    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => CancellationToken.None;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void StopApplication()
    {
    }
}
