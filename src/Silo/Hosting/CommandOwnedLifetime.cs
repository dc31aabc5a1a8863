namespace OrleansGossip.Silo.Hosting;

/// <summary>
/// A host lifetime that leaves the process's signals alone: the command that started the host owns Ctrl+C and SIGTERM
/// (its cancellation token) and stops the host when it is done, after writing what it must. With the console lifetime
/// the host would stop itself on the same signal, and a run it carries would go on with no silo under it.
/// </summary>
public sealed class CommandOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
