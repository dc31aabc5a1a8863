using System.Globalization;

namespace OrleansGossip.Gateway.Tests;

/// <summary>Small scenarios in the files' format, for runs the tests start.</summary>
public static class Scenarios
{
    /// <summary>One subnet <c>app</c> of <paramref name="nodes"/> nodes with light ingress, running long enough for a test to act on it.</summary>
    public static string Small(string name, int nodes = 5, double durationSeconds = 120, double drainSeconds = 2, double ingressPerSecond = 5) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "name": "{{name}}",
          "seed": 7,
          "protocol": "advert-gossip",
          "timeScale": 1,
          "durationSeconds": {{durationSeconds}},
          "drainSeconds": {{drainSeconds}},
          "subnets": [ { "id": "app", "nodes": {{nodes}}, "link": { "latencyMs": 20, "jitterMs": 0, "loss": 0 }, "bandwidthMbps": 300 } ],
          "workload": { "ingress": { "ratePerSecond": {{ingressPerSecond}}, "sizeBytes": 512 } }
        }
        """);
}
