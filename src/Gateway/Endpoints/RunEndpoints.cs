using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Gateway.Contracts;
using OrleansGossip.Gateway.Problems;

namespace OrleansGossip.Gateway.Endpoints;

/// <summary>
/// <c>/api/runs</c>: start a scenario (the files' format), list runs, read a run's status, report and event log, stop it.
/// </summary>
public static partial class RunEndpoints
{
    public static void Map(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        var reads = read.MapGroup("/runs").WithTags("Runs");
        reads.MapGet("", ListAsync)
            .WithSummary("Every run started on the cluster, oldest first, with its progress")
            .Produces<IReadOnlyList<RunSummaryView>>();
        reads.MapGet("/{run}", GetAsync)
            .WithSummary("A run's status: progress, subnets and nodes, faults so far")
            .Produces<RunStatus>().ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/{run}/report", GetReportAsync)
            .WithSummary("A completed run's report (409 while it runs)")
            .Produces<RunReport>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        reads.MapGet("/{run}/events", GetEventsAsync)
            .WithSummary("A run's event log so far: what came from outside while it ran (kind fault, behaviour or submission), each with the emulated time it landed at (atMs)")
            .Produces<IReadOnlyList<RunEvent>>().ProducesProblem(StatusCodes.Status404NotFound);

        var writes = write.MapGroup("/runs").WithTags("Runs");
        writes.MapPost("", StartAsync)
            .WithSummary("Starts a scenario, given in the scenario files' format; ?id= names the run")
            .Accepts<ScenarioSpec>("application/json")
            .Produces<RunStatus>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPost("/{run}/stop", StopAsync)
            .WithSummary("Ends the run's workload now and reports on what happened so far")
            .Produces<RunStatus>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var runs = await grains.GetGrain<IRunIndexGrain>(IRunIndexGrain.Key).ListAsync();
        var progress = await Task.WhenAll(runs.Select(r => grains.GetGrain<IRunGrain>(r.RunId).GetProgressAsync()));
        return TypedResults.Ok(runs.Select((r, i) => new RunSummaryView(r.RunId, r.Scenario, r.Protocol, r.StartedAtUtc, r.Subnets, progress[i])).ToList());
    }

    private static async Task<IResult> GetAsync(string run, IGrainFactory grains) =>
        TypedResults.Ok((await RunLookup.RequireRunAsync(grains, run)).Status);

    private static async Task<IResult> GetReportAsync(string run, IGrainFactory grains)
    {
        var (grain, status) = await RunLookup.RequireRunAsync(grains, run);
        return status.Progress.Phase switch
        {
            RunPhase.Completed => TypedResults.Ok(await grain.GetReportAsync()),
            RunPhase.Failed => throw GatewayProblemException.Conflict("run", $"run '{run}' failed: {status.Progress.Error}"),
            _ => throw GatewayProblemException.Conflict("run", $"run '{run}' is {status.Progress.Phase.WireName()}; its report comes when it completes"),
        };
    }

    private static async Task<IResult> GetEventsAsync(string run, IGrainFactory grains)
    {
        var (grain, _) = await RunLookup.RequireRunAsync(grains, run);
        return TypedResults.Ok(await grain.GetEventsAsync());
    }

    private static async Task<IResult> StartAsync(HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options)
    {
        var requested = request.Query["id"];
        if (requested.Count > 1)
        {
            throw GatewayProblemException.BadRequest("id", "give one id");
        }

        var text = await JsonBody.ReadTextAsync(request, options.Value.MaxRequestBytes);
        var scenario = ScenarioLoader.Parse(text);
        var nodes = scenario.Subnets.Sum(s => (long)s.Nodes);
        if (nodes > options.Value.MaxNodesPerRun)
        {
            throw GatewayProblemException.BadRequest("$.subnets", $"the scenario has {nodes} nodes; a run started through the API has at most {options.Value.MaxNodesPerRun}");
        }

        var id = requested.Count == 1
            ? Ids.Name(requested[0], "id")
            : $"{DefaultName(scenario.Name)}-{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var run = grains.GetGrain<IRunGrain>(id);
        if ((await run.GetProgressAsync()).Phase != RunPhase.NotStarted)
        {
            throw GatewayProblemException.Conflict("id", $"run '{id}' exists already");
        }

        await run.StartAsync(scenario);
        return TypedResults.Created($"{request.PathBase}/api/runs/{id}", await run.GetStatusAsync());
    }

    private static async Task<IResult> StopAsync(string run, IGrainFactory grains)
    {
        var (grain, _) = await RunLookup.RequireRunAsync(grains, run);
        await grain.StopAsync();
        return TypedResults.Ok(await grain.GetStatusAsync());
    }

    private static string DefaultName(string scenario) =>
        Unsafe().Replace(scenario, "-").Trim('-', '.', '_') is { Length: > 0 } name ? name[..Math.Min(name.Length, 60)] : "run";

    [GeneratedRegex("[^A-Za-z0-9._-]+", RegexOptions.CultureInvariant)]
    private static partial Regex Unsafe();
}
