using Microsoft.Extensions.Logging;

namespace OrleansGossip.Gateway.Problems;

/// <summary>
/// Answers every exception an endpoint throws with problem details (see <see cref="ProblemMapping"/>), so that the API
/// behaves alike in any host; only a fault of the gateway itself is a 500, and it is logged.
/// </summary>
public sealed partial class ProblemEndpointFilter(ILogger<ProblemEndpointFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var problem = ProblemMapping.ToProblem(e, context.HttpContext);
            if (problem.Status >= StatusCodes.Status500InternalServerError)
            {
                LogFailed(logger, e, context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            }

            return TypedResults.Problem(problem);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string path);
}
