using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Gateway.Contracts;
using OrleansGossip.Gateway.Problems;

namespace OrleansGossip.Gateway.Endpoints;

/// <summary>
/// <c>/api/registries/{registry}</c>: list a registry's subnets and nodes, create a subnet, add and remove nodes, each
/// change a new registry version. A run's registry has the run's id; while the run goes on, nodes are added and removed
/// through the run (as its <c>add-node</c> and <c>remove-node</c> faults), so that they join and leave the emulation.
/// </summary>
public static class RegistryEndpoints
{
    private const string DefaultRegion = "default";

    public static void Map(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        var reads = read.MapGroup("/registries/{registry}").WithTags("Registry");
        reads.MapGet("", GetRegistryAsync)
            .WithSummary("A registry at its latest version: its subnets and nodes")
            .Produces<RegistryView>().ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/subnets", GetSubnetsAsync)
            .WithSummary("The registry's subnets with their members")
            .Produces<IReadOnlyList<SubnetView>>().ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/subnets/{subnet}", GetSubnetAsync)
            .WithSummary("A subnet's members at the latest version")
            .Produces<MembershipView>().ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/nodes", GetNodesAsync)
            .WithSummary("Every node of the registry")
            .Produces<IReadOnlyList<NodeView>>().ProducesProblem(StatusCodes.Status404NotFound);

        var writes = write.MapGroup("/registries/{registry}").WithTags("Registry");
        writes.MapPost("/subnets", CreateSubnetAsync)
            .WithSummary("Creates a subnet with its first nodes, in one new version")
            .Accepts<CreateSubnetRequest>("application/json")
            .Produces<RegistryChange>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPost("/subnets/{subnet}/nodes", AddNodeAsync)
            .WithSummary("Adds a node to a subnet, in a new version (to a running run: the run names and configures it)")
            .Accepts<NodeRequest>(isOptional: true, "application/json")
            .Produces<RegistryChange>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapDelete("/nodes/{node}", RemoveNodeAsync)
            .WithSummary("Removes a node from its subnet, in a new version")
            .Produces<RegistryChange>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GetRegistryAsync(string registry, IGrainFactory grains)
    {
        var snapshot = await RequireRegistryAsync(grains, registry);
        return TypedResults.Ok(new RegistryView(registry, snapshot.Version, Subnets(snapshot), snapshot.Nodes.Select(View).ToList()));
    }

    private static async Task<IResult> GetSubnetsAsync(string registry, IGrainFactory grains) =>
        TypedResults.Ok(Subnets(await RequireRegistryAsync(grains, registry)));

    private static async Task<IResult> GetNodesAsync(string registry, IGrainFactory grains) =>
        TypedResults.Ok((await RequireRegistryAsync(grains, registry)).Nodes.Select(View).ToList());

    private static async Task<IResult> GetSubnetAsync(string registry, string subnet, IGrainFactory grains)
    {
        var snapshot = await RequireRegistryAsync(grains, registry);
        RequireSubnet(snapshot, registry, subnet);
        var membership = await grains.GetGrain<IRegistryGrain>(registry).GetMembershipAsync(new SubnetId(subnet));
        return TypedResults.Ok(new MembershipView(registry, subnet, membership.Version, membership.Members.Select(View).ToList()));
    }

    private static async Task<IResult> CreateSubnetAsync(string registry, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options)
    {
        Ids.Name(registry, "registry");
        var body = await JsonBody.ReadAsync<CreateSubnetRequest>(request, options.Value.MaxRequestBytes, GatewayJson.Requests);
        var subnet = new SubnetId(Ids.Name(body.Id, "$.id"));
        var records = new List<NodeRecord>();
        if (body.Nodes is not null && body.NodeCount is not null)
        {
            throw GatewayProblemException.BadRequest("$.nodeCount", "give either nodes or nodeCount, not both");
        }

        if (body.Nodes is { } nodes)
        {
            if (nodes.Count == 0)
            {
                throw GatewayProblemException.BadRequest("$.nodes", "a subnet needs at least one node");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < nodes.Count; i++)
            {
                var id = Ids.Name(nodes[i]?.Id, $"$.nodes[{i}].id");
                if (!seen.Add(id))
                {
                    throw GatewayProblemException.BadRequest($"$.nodes[{i}].id", $"node '{id}' is listed twice");
                }

                records.Add(Record(id, subnet, Region(nodes[i]!.Region, $"$.nodes[{i}].region")));
            }
        }
        else if (body.NodeCount is { } count)
        {
            if (count is < 1 or > ScenarioValidator.MaxNodesPerSubnet)
            {
                throw GatewayProblemException.BadRequest("$.nodeCount", $"must be from 1 to {ScenarioValidator.MaxNodesPerSubnet}, not {count}");
            }

            var region = Region(body.Region, "$.region");
            records.AddRange(Enumerable.Range(0, count).Select(i => Record($"{subnet}-n{i}", subnet, region)));
        }
        else
        {
            throw GatewayProblemException.BadRequest("$.nodes", "a subnet needs its first nodes: give nodes or nodeCount");
        }

        if (await RunLookup.IsRunningAsync(grains, registry))
        {
            throw GatewayProblemException.Conflict("registry", $"registry '{registry}' belongs to a running run, whose subnets come from its scenario; add nodes to them instead");
        }

        var registryGrain = grains.GetGrain<IRegistryGrain>(registry);
        var snapshot = await registryGrain.GetSnapshotAsync();
        if (snapshot.Subnets.Any(s => s.Id == subnet))
        {
            throw GatewayProblemException.Conflict("$.id", $"subnet '{subnet}' exists already in registry '{registry}'");
        }

        for (var i = 0; i < records.Count; i++)
        {
            if (snapshot.Nodes.FirstOrDefault(n => n.Id == records[i].Id) is { } existing)
            {
                var field = body.Nodes is null ? "$.nodeCount" : $"$.nodes[{i}].id";
                throw GatewayProblemException.Conflict(field, $"node '{existing.Id}' is already in subnet '{existing.Subnet}'");
            }
        }

        var version = await registryGrain.CreateSubnetAsync(subnet, records);
        return TypedResults.Created(
            $"{request.PathBase}/api/registries/{registry}/subnets/{subnet}",
            new RegistryChange(registry, version, subnet.Value, records.Select(r => r.Id.Value).ToList()));
    }

    private static async Task<IResult> AddNodeAsync(string registry, string subnet, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options)
    {
        var snapshot = await RequireRegistryAsync(grains, registry);
        RequireSubnet(snapshot, registry, subnet);
        var body = request.ContentLength == 0
            ? new NodeRequest()
            : await JsonBody.ReadAsync<NodeRequest>(request, options.Value.MaxRequestBytes, GatewayJson.Requests);

        if (await RunLookup.IsRunningAsync(grains, registry))
        {
            if (body.Id is not null || body.Region is not null)
            {
                throw GatewayProblemException.BadRequest(body.Id is not null ? "$.id" : "$.region", "a running run names and places the nodes it adds; send an empty body");
            }

            var run = grains.GetGrain<Abstractions.Runs.IRunGrain>(registry);
            await run.ApplyFaultAsync(new FaultSpec { Kind = "add-node", Subnet = subnet, Count = 1 });
            var after = await grains.GetGrain<IRegistryGrain>(registry).GetSnapshotAsync();
            var status = await run.GetStatusAsync();
            var added = status.Subnets.First(s => s.Id == subnet).Nodes[^1];
            return TypedResults.Created($"{request.PathBase}/api/registries/{registry}/subnets/{subnet}", new RegistryChange(registry, after.Version, subnet, [added]));
        }

        var id = new NodeId(Ids.Name(body.Id, "$.id"));
        if (snapshot.Nodes.FirstOrDefault(n => n.Id == id) is { } existing)
        {
            throw GatewayProblemException.Conflict("$.id", $"node '{id}' is already in subnet '{existing.Subnet}'");
        }

        var version = await grains.GetGrain<IRegistryGrain>(registry).AddNodeAsync(Record(id.Value, new SubnetId(subnet), Region(body.Region, "$.region")));
        return TypedResults.Created($"{request.PathBase}/api/registries/{registry}/subnets/{subnet}", new RegistryChange(registry, version, subnet, [id.Value]));
    }

    private static async Task<IResult> RemoveNodeAsync(string registry, string node, IGrainFactory grains)
    {
        var snapshot = await RequireRegistryAsync(grains, registry);
        Ids.Name(node, "node");
        var record = snapshot.Nodes.FirstOrDefault(n => n.Id.Value == node)
            ?? throw GatewayProblemException.NotFound("node", $"no node '{node}' in registry '{registry}'");

        if (await RunLookup.IsRunningAsync(grains, registry))
        {
            var run = grains.GetGrain<Abstractions.Runs.IRunGrain>(registry);
            var status = await run.GetStatusAsync();
            var (subnet, index) = RunLookup.RequireNode(status, node);
            await run.ApplyFaultAsync(new FaultSpec { Kind = "remove-node", Subnet = subnet.Id, Nodes = [index] });
            var after = await grains.GetGrain<IRegistryGrain>(registry).GetSnapshotAsync();
            return TypedResults.Ok(new RegistryChange(registry, after.Version, record.Subnet.Value, [node]));
        }

        var version = await grains.GetGrain<IRegistryGrain>(registry).RemoveNodeAsync(record.Id);
        return TypedResults.Ok(new RegistryChange(registry, version, record.Subnet.Value, [node]));
    }

    private static async Task<RegistrySnapshot> RequireRegistryAsync(IGrainFactory grains, string registry)
    {
        Ids.Name(registry, "registry");
        var snapshot = await grains.GetGrain<IRegistryGrain>(registry).GetSnapshotAsync();
        if (snapshot.Version == 0)
        {
            throw GatewayProblemException.NotFound("registry", $"no registry '{registry}': no subnet has been created in it");
        }

        return snapshot;
    }

    private static void RequireSubnet(RegistrySnapshot snapshot, string registry, string subnet)
    {
        Ids.Name(subnet, "subnet");
        if (!snapshot.Subnets.Any(s => s.Id.Value == subnet))
        {
            throw GatewayProblemException.NotFound("subnet", $"no subnet '{subnet}' in registry '{registry}'");
        }
    }

    private static List<SubnetView> Subnets(RegistrySnapshot snapshot) => snapshot.Subnets
        .Select(s => new SubnetView(s.Id.Value, s.CreatedAtVersion, snapshot.Nodes.Where(n => n.Subnet == s.Id).Select(n => n.Id.Value).ToList()))
        .ToList();

    private static NodeView View(NodeRecord node) => new(node.Id.Value, node.Subnet.Value, node.Region, node.CertificateFingerprint);

    private static NodeRecord Record(string id, SubnetId subnet, string region) =>
        new(new NodeId(id), subnet, region, RunLookup.Fingerprint(new NodeId(id)));

    private static string Region(string? region, string field) => region is null ? DefaultRegion : Ids.Name(region, field);
}
