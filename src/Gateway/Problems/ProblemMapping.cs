using Microsoft.AspNetCore.Mvc;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Gateway.Problems;

/// <summary>
/// Turns what went wrong with a request into RFC 9457 problem details: the field at fault in <c>errors</c>, keyed by
/// its JSON path (<c>$.subnets[0].nodes</c>) or route parameter (<c>node</c>). Refused scenarios and faults are 400 with
/// each problem's path (and its line, in <c>lines</c>, when the scenario was read from text); refused registry changes
/// 409; anything else a client could have caused is 400, 404 or 409, and the cluster being slow is 504.
/// </summary>
public static class ProblemMapping
{
    public static ProblemDetails ToProblem(Exception exception, HttpContext context) => exception switch
    {
        GatewayProblemException problem => FromGateway(problem),
        ScenarioException scenario => FromScenario(scenario),
        RegistryException registry => Problem(StatusCodes.Status409Conflict, "The registry refused the change.", registry.Message, "registry"),
        BadHttpRequestException bad => Problem(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request is not valid.", bad.Message, "$"),
        ArgumentException argument => Problem(StatusCodes.Status400BadRequest, "The request is not valid.", argument.Message, argument.ParamName ?? "$"),
        InvalidOperationException invalid => Problem(StatusCodes.Status409Conflict, "The request conflicts with the current state.", invalid.Message, "$"),
        TimeoutException timeout => Problem(StatusCodes.Status504GatewayTimeout, "The cluster did not answer in time.", timeout.Message, null),
        OperationCanceledException when !context.RequestAborted.IsCancellationRequested =>
            Problem(StatusCodes.Status504GatewayTimeout, "The cluster did not answer in time.", exception.Message, null),
        _ => Problem(StatusCodes.Status500InternalServerError, "The gateway failed.", "An unexpected error occurred; it has been logged.", null),
    };

    private static ProblemDetails FromGateway(GatewayProblemException problem)
    {
        var details = problem.Errors.Count > 0
            ? new ValidationProblemDetails(problem.Errors.ToDictionary(e => e.Key, e => e.Value))
            : new ProblemDetails();
        details.Status = problem.Status;
        details.Title = problem.Title;
        details.Detail = problem.Detail;
        foreach (var (key, value) in problem.Extensions)
        {
            details.Extensions[key] = value;
        }

        return details;
    }

    private static ValidationProblemDetails FromScenario(ScenarioException scenario)
    {
        var errors = scenario.Problems
            .GroupBy(p => p.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        var details = new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The scenario is not valid.",
            Detail = scenario.Problems.Count == 1 ? scenario.Problems[0].ToString() : $"{scenario.Problems.Count} problems; see errors.",
        };
        var lines = scenario.Problems.Where(p => p.Line is not null).GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.First().Line);
        if (lines.Count > 0)
        {
            details.Extensions["lines"] = lines;
        }

        return details;
    }

    private static ProblemDetails Problem(int status, string title, string detail, string? field)
    {
        var details = field is null
            ? new ProblemDetails()
            : new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] });
        details.Status = status;
        details.Title = title;
        details.Detail = detail;
        return details;
    }
}
