using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Security;

namespace OrleansGossip.Silo.Security;

/// <summary>
/// This silo's copy of the registry's silo allow-list, read again every <see cref="SiloAllowListOptions.RefreshInterval"/>
/// once the silo is active, and consulted on every TLS handshake. While the list is not in force (or not read yet)
/// it refuses no one; once it is, a peer whose certificate could serve a silo must be on it, whether it connects as a
/// silo or as a client. When the list changes, open connections are checked again and a revoked peer's are closed.
/// A registry that goes back to an older version (its state kept in memory and lost) does not undo a revocation.
/// </summary>
public sealed partial class SiloAllowListCache(
    IGrainFactory grains,
    IOptions<SiloAllowListOptions> options,
    TlsCredentials credentials,
    ILogger<SiloAllowListCache> logger) : IPeerAuthorizer, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private SiloAllowList _list = SiloAllowList.NotInForce;
    private Task? _refreshing;
    private int _disposed;

    public event Action? Changed;

    /// <summary>The allow-list as last read.</summary>
    public SiloAllowList Current => Volatile.Read(ref _list);

    public string? Refuse(PeerIdentity peer, PeerRole role)
    {
        var list = Current;
        if (!peer.SiloCertificate || list.Admits(peer.Fingerprint))
        {
            return null;
        }

        return $"the silo certificate '{peer.Subject}' ({peer.Fingerprint}) is not on the silo allow-list of registry '{options.Value.Registry}' (version {list.Version})";
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloAllowListCache), ServiceLifecycleStage.Active, OnActiveAsync, OnStoppingAsync);

    /// <summary>Reads the allow-list now; true when it changed.</summary>
    public async Task<bool> RefreshAsync()
    {
        var list = await grains.GetGrain<IRegistryGrain>(options.Value.Registry).GetSiloAllowListAsync();
        var before = Current;
        if (before.Version == list.Version && before.InForce == list.InForce)
        {
            return false;
        }

        if (list.Version < before.Version)
        {
            // The registry lost state (kept in memory, its grain moved): fail closed on the last list read.
            LogWentBack(logger, options.Value.Registry, before.Version, list.Version);
            return false;
        }

        Volatile.Write(ref _list, list);

        LogChanged(logger, options.Value.Registry, list.Version, list.InForce, list.Fingerprints.Count);
        if (!list.Admits(credentials.Fingerprint))
        {
            LogSelfRevoked(logger, credentials.Fingerprint, options.Value.Registry);
        }

        Changed?.Invoke();
        return true;
    }

    public void Dispose()
    {
        // The container may hand this out under several service types and dispose it for each.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _stopping.Dispose();
    }

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        _refreshing = Task.Run(RefreshLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_refreshing is { } refreshing)
        {
            await refreshing.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RefreshLoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                LogRefreshFailed(logger, e, options.Value.Registry);
            }

            try
            {
                await Task.Delay(options.Value.RefreshInterval, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo allow-list of registry {Registry} at version {Version}: in force {InForce}, {Count} silos")]
    private static partial void LogChanged(ILogger logger, string registry, long version, bool inForce, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The registry {Registry} went back from version {Before} to {After} (its state was lost?): keeping the silo allow-list of version {Before}")]
    private static partial void LogWentBack(ILogger logger, string registry, long before, long after);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This silo's certificate ({Fingerprint}) is not on the silo allow-list of registry {Registry}: the other silos refuse its connections")]
    private static partial void LogSelfRevoked(ILogger logger, string fingerprint, string registry);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the silo allow-list of registry {Registry}; keeping the last one")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string registry);
}
