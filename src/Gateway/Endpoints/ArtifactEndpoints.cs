using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Gateway.Contracts;
using OrleansGossip.Gateway.Problems;

namespace OrleansGossip.Gateway.Endpoints;

/// <summary>
/// Artifacts of a running run: submit one to a node (kind, size or body; at most the IC's limit for the kind: 2 MiB
/// for ingress, 4 MiB for a block proposal, 1 MiB for shares and dealings), and read how far one has spread.
/// </summary>
public static class ArtifactEndpoints
{
    public static void Map(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        read.MapGroup("/runs/{run}").WithTags("Artifacts")
            .MapGet("/artifacts/{artifact}", GetPropagationAsync)
            .WithSummary("Which nodes hold an artifact and when each got it")
            .Produces<PropagationView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        write.MapGroup("/runs/{run}").WithTags("Artifacts")
            .MapPost("/nodes/{node}/artifacts", SubmitAsync)
            .WithSummary("Submits an artifact to a node, which spreads it to its subnet")
            .Accepts<SubmitArtifactRequest>("application/json")
            .Produces<SubmittedArtifact>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    private static async Task<IResult> SubmitAsync(string run, string node, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options)
    {
        var (grain, status) = await RunLookup.RequireRunAsync(grains, run);
        RunLookup.RequireNode(status, node);
        var body = await JsonBody.ReadAsync<SubmitArtifactRequest>(request, options.Value.MaxArtifactRequestBytes, GatewayJson.Requests);
        if (body.Kind is null)
        {
            throw GatewayProblemException.BadRequest("$.kind", $"name the artifact's kind: {Kinds}");
        }

        if (!ArtifactKinds.TryParse(body.Kind, out var kind))
        {
            throw GatewayProblemException.BadRequest("$.kind", $"unknown kind '{body.Kind}'; expected one of {Kinds}");
        }

        var max = kind.MaxSize();
        int size;
        if (body.Body is { } content)
        {
            if (content.Length == 0 || content.Length > max)
            {
                throw GatewayProblemException.BadRequest("$.body", $"a {kind.WireName()} body has 1 to {max} bytes, not {content.Length}");
            }

            if (body.Size is { } given && given != content.Length)
            {
                throw GatewayProblemException.BadRequest("$.size", $"the body has {content.Length} bytes, not {given}; leave out size or give the body's");
            }

            size = content.Length;
        }
        else if (body.Size is { } given)
        {
            if (given < 1 || given > max)
            {
                throw GatewayProblemException.BadRequest("$.size", $"a {kind.WireName()} has 1 to {max} bytes, not {given}");
            }

            size = given;
        }
        else
        {
            throw GatewayProblemException.BadRequest("$.size", "give the artifact's size in bytes, or its body");
        }

        if (body.Attribute is < 0)
        {
            throw GatewayProblemException.BadRequest("$.attribute", $"the attribute (expiry or height) is 0 or more, not {body.Attribute}");
        }

        var submitted = await grain.SubmitArtifactAsync(new NodeId(node), kind, size, body.Body, body.Attribute);
        return TypedResults.Accepted($"{request.PathBase}/api/runs/{run}/artifacts/{submitted.Artifact}", submitted);
    }

    private static async Task<IResult> GetPropagationAsync(string run, string artifact, IGrainFactory grains)
    {
        var (_, status) = await RunLookup.RequireRunAsync(grains, run);
        var id = Ids.Artifact(artifact, "artifact");
        foreach (var subnet in status.Subnets)
        {
            var receipts = await Task.WhenAll(subnet.Nodes.Select(n => grains.GetNode(run, new NodeId(n)).GetReceiptAsync(id)));
            var holders = receipts.Where(r => r.AtMs is not null).ToList();
            if (holders.Count == 0)
            {
                continue;
            }

            var origin = holders.FirstOrDefault(r => r.Created);
            var created = origin?.AtMs;
            return TypedResults.Ok(new PropagationView(
                run,
                artifact.ToLowerInvariant(),
                subnet.Id,
                origin?.Node.Value,
                created,
                subnet.Nodes.Count,
                (double)holders.Count / subnet.Nodes.Count,
                holders.OrderBy(r => r.AtMs)
                    .Select(r => new HolderView(r.Node.Value, r.AtMs!.Value, created is { } c ? r.AtMs.Value - c : null, r.Created, r.Holds, r.BodiesReceived))
                    .ToList(),
                receipts.Where(r => r.AtMs is null).Select(r => r.Node.Value).ToList()));
        }

        throw GatewayProblemException.NotFound("artifact", $"no node of run '{run}' has artifact '{artifact}'");
    }

    private static string Kinds => string.Join(", ", ArtifactKinds.All.Select(k => k.WireName()));
}
