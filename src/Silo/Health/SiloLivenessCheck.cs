using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace OrleansGossip.Silo.Health;

/// <summary>
/// Liveness: asks Orleans' own health check participants (the components its watchdog polls: the scheduler, the
/// membership agent, ...) whether they are healthy. A silo that is still starting is alive. One instance serves every probe, so that each asks about the time since the last.
/// </summary>
public sealed class SiloLivenessCheck : IHealthCheck
{
    private readonly IEnumerable<IHealthCheckParticipant> _participants;
    private readonly TimeProvider _time;
    private long _lastCheckTicks;

    public SiloLivenessCheck(IEnumerable<IHealthCheckParticipant> participants, TimeProvider time)
    {
        _participants = participants;
        _time = time;
        _lastCheckTicks = time.GetUtcNow().UtcTicks;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var since = new DateTime(Interlocked.Exchange(ref _lastCheckTicks, _time.GetUtcNow().UtcTicks), DateTimeKind.Utc);
        var failures = new List<string>();
        foreach (var participant in _participants)
        {
            if (!participant.CheckHealth(since, out var reason))
            {
                failures.Add($"{participant.GetType().Name}: {reason}");
            }
        }

        return Task.FromResult(failures.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(string.Join("; ", failures)));
    }
}
