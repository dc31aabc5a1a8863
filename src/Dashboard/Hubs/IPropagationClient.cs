using OrleansGossip.Dashboard.Contracts;

namespace OrleansGossip.Dashboard.Hubs;

/// <summary>What the hub sends a browser: the subnet it watches, or the overview of a run's subnets.</summary>
public interface IPropagationClient
{
    Task Subnet(SubnetUpdate update);

    Task Overview(OverviewUpdate update);
}
