using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansGossip.Silo.Health;

/// <summary>
/// A small HTTP server beside the silo, on <see cref="SiloHealthOptions.Port"/> of every address, that answers the
/// liveness and readiness paths from the silo's health checks (tags <see cref="LiveTag"/> and <see cref="ReadyTag"/>):
/// 200 and <c>Healthy</c>, or 503 and what is wrong. It starts before the silo does, so that a starting silo is
/// alive but not ready.
/// </summary>
public sealed partial class SiloHealthServer : IHostedService, IAsyncDisposable
{
    public const string LiveTag = "live";

    public const string ReadyTag = "ready";

    private readonly SiloHealthOptions _options;
    private readonly HealthCheckService _checks;
    private readonly ILogger<SiloHealthServer> _logger;
    private WebApplication? _app;

    public SiloHealthServer(IOptions<SiloHealthOptions> options, HealthCheckService checks, ILogger<SiloHealthServer> logger)
    {
        _options = options.Value;
        _checks = checks;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Port == 0)
        {
            return;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.ListenAnyIP(_options.Port));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.MapGet(_options.LivePath, context => AnswerAsync(context, LiveTag));
        app.MapGet(_options.ReadyPath, context => AnswerAsync(context, ReadyTag));
        await app.StartAsync(cancellationToken);
        _app = app;
        LogListening(_logger, _options.Port, _options.LivePath, _options.ReadyPath);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private async Task AnswerAsync(HttpContext context, string tag)
    {
        var report = await _checks.CheckHealthAsync(check => check.Tags.Contains(tag), context.RequestAborted);
        var text = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries)
        {
            text.Append('\n').Append(name).Append(": ").Append(entry.Status);
            if (!string.IsNullOrEmpty(entry.Description))
            {
                text.Append(" (").Append(entry.Description).Append(')');
            }
        }

        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(text.Append('\n').ToString(), context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health endpoint on port {Port}: liveness {LivePath}, readiness {ReadyPath}")]
    private static partial void LogListening(ILogger logger, int port, string livePath, string readyPath);
}
