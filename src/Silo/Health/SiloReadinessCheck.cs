using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace OrleansGossip.Silo.Health;

/// <summary>Readiness: the silo is an active member of its cluster, so grains can be placed on it and its gateway serves clients.</summary>
public sealed class SiloReadinessCheck : IHealthCheck
{
    private readonly ISiloStatusOracle _membership;

    public SiloReadinessCheck(ISiloStatusOracle membership)
    {
        _membership = membership;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = _membership.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {_membership.SiloName} is active")
            : HealthCheckResult.Unhealthy($"silo {_membership.SiloName} is {status}"));
    }
}
