using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Gateway.Contracts;
using OrleansGossip.Gateway.Problems;

namespace OrleansGossip.Gateway.Endpoints;

/// <summary>
/// Faults on a running run, applied at once and shown on its timeline and in its report: any fault in the scenario
/// files' format (<c>/faults</c>, node indices), or by node id: cut and heal a link, crash and restart a node, set a
/// node's behaviour. Also a node's status.
/// </summary>
public static class FaultEndpoints
{
    public static void Map(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        read.MapGroup("/runs/{run}").WithTags("Faults")
            .MapGet("/nodes/{node}", GetNodeAsync)
            .WithSummary("A node's status: registry version, peers, cut links, pool size, whether it is down")
            .Produces<NodeStatus>().ProducesProblem(StatusCodes.Status404NotFound);

        var writes = write.MapGroup("/runs/{run}").WithTags("Faults");
        writes.MapPost("/faults", ApplyAsync)
            .WithSummary("Applies a fault now, in the scenario files' format (partition, heal, cut-link, heal-link, loss-burst, crash, restart, add-node, remove-node)")
            .Accepts<FaultSpec>("application/json")
            .Produces<FaultEvent>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPost("/links/cut", (string run, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options) => LinkAsync(run, request, grains, options, "cut-link"))
            .WithSummary("Cuts the link between two nodes, both directions")
            .Accepts<LinkRequest>("application/json")
            .Produces<FaultEvent>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPost("/links/heal", (string run, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options) => LinkAsync(run, request, grains, options, "heal-link"))
            .WithSummary("Heals the link between two nodes; each end sends the other what it missed")
            .Accepts<LinkRequest>("application/json")
            .Produces<FaultEvent>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPost("/nodes/{node}/crash", (string run, string node, IGrainFactory grains) => NodeFaultAsync(run, node, grains, "crash"))
            .WithSummary("Crashes a node: it loses its pool and sends nothing until it restarts")
            .Produces<FaultEvent>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPost("/nodes/{node}/restart", (string run, string node, IGrainFactory grains) => NodeFaultAsync(run, node, grains, "restart"))
            .WithSummary("Restarts a crashed node: it catches up from its peers")
            .Produces<FaultEvent>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPut("/nodes/{node}/behaviour", SetBehaviourAsync)
            .WithSummary("Sets how a node treats its peers: honest, withhold, corrupt or slow")
            .Accepts<BehaviourRequest>("application/json")
            .Produces<FaultEvent>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> GetNodeAsync(string run, string node, IGrainFactory grains)
    {
        var (_, status) = await RunLookup.RequireRunAsync(grains, run);
        RunLookup.RequireNode(status, node);
        return TypedResults.Ok(await grains.GetNode(run, new NodeId(node)).GetStatusAsync());
    }

    private static async Task<IResult> ApplyAsync(string run, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options)
    {
        var (grain, status) = await RunLookup.RequireRunAsync(grains, run);
        var fault = await JsonBody.ReadAsync<FaultSpec>(request, options.Value.MaxRequestBytes, ScenarioLoader.JsonOptions);
        if (fault.AtSeconds != 0)
        {
            throw GatewayProblemException.BadRequest("$.atSeconds", "a fault through the API applies now; leave out atSeconds");
        }

        if (fault.Subnet is { } subnet && !status.Subnets.Any(s => s.Id == subnet))
        {
            throw GatewayProblemException.NotFound("$.subnet", $"no subnet '{subnet}' in run '{run}'");
        }

        return TypedResults.Ok(await grain.ApplyFaultAsync(fault));
    }

    private static async Task<IResult> LinkAsync(string run, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options, string kind)
    {
        var (grain, status) = await RunLookup.RequireRunAsync(grains, run);
        var link = await JsonBody.ReadAsync<LinkRequest>(request, options.Value.MaxRequestBytes, GatewayJson.Requests);
        if (link.From is null)
        {
            throw GatewayProblemException.BadRequest("$.from", "name the node at one end of the link");
        }

        if (link.To is null)
        {
            throw GatewayProblemException.BadRequest("$.to", "name the node at the other end of the link");
        }

        var (subnet, from) = RunLookup.RequireNode(status, link.From, "$.from");
        var (other, to) = RunLookup.RequireNode(status, link.To, "$.to");
        if (other.Id != subnet.Id)
        {
            throw GatewayProblemException.BadRequest("$.to", $"'{link.To}' is in subnet '{other.Id}', not in '{subnet.Id}' with '{link.From}': links join nodes of one subnet");
        }

        if (from == to)
        {
            throw GatewayProblemException.BadRequest("$.to", "a link joins two different nodes");
        }

        return TypedResults.Ok(await grain.ApplyFaultAsync(new FaultSpec { Kind = kind, Subnet = subnet.Id, From = from, To = to }));
    }

    private static async Task<IResult> NodeFaultAsync(string run, string node, IGrainFactory grains, string kind)
    {
        var (grain, status) = await RunLookup.RequireRunAsync(grains, run);
        var (subnet, index) = RunLookup.RequireNode(status, node);
        return TypedResults.Ok(await grain.ApplyFaultAsync(new FaultSpec { Kind = kind, Subnet = subnet.Id, Nodes = [index] }));
    }

    private static async Task<IResult> SetBehaviourAsync(string run, string node, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options)
    {
        var (grain, status) = await RunLookup.RequireRunAsync(grains, run);
        var (subnet, index) = RunLookup.RequireNode(status, node);
        var body = await JsonBody.ReadAsync<BehaviourRequest>(request, options.Value.MaxRequestBytes, GatewayJson.Requests);
        if (body.Behaviour is null)
        {
            throw GatewayProblemException.BadRequest("$.behaviour", "name the behaviour: honest, withhold, corrupt or slow");
        }

        return TypedResults.Ok(await grain.SetBehaviourAsync(subnet.Id, index, body.Behaviour, body.Fraction));
    }
}
