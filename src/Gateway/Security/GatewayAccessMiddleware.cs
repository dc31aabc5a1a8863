using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansGossip.Gateway.Security;

/// <summary>Applies <see cref="GatewayAccessPolicy"/> to requests under <see cref="GatewayAccessOptions.PathPrefix"/>; a refusal is a problem+json response.</summary>
public sealed partial class GatewayAccessMiddleware(
    RequestDelegate next,
    GatewayAccessPolicy policy,
    IOptionsMonitor<GatewayAccessOptions> options,
    ILogger<GatewayAccessMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(options.CurrentValue.PathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var verdict = policy.Evaluate(
            context.Request.Method,
            context.Connection.RemoteIpAddress,
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers[GatewayAccessOptions.ApiKeyHeader].ToString());
        if (verdict.Allowed)
        {
            await next(context);
            return;
        }

        LogRefused(logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", verdict.StatusCode);
        context.Response.StatusCode = verdict.StatusCode;
        if (verdict.StatusCode == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        await Results.Problem(verdict.Reason, statusCode: verdict.StatusCode).ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway refused {Method} {Path} from {Remote}: {StatusCode}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string remote, int statusCode);
}
