using Microsoft.Extensions.Logging;

namespace OrleansGossip.Silo.Hosting;

/// <summary>
/// Console logging for a silo embedded in a command (<see cref="EmbeddedSilo"/>, <see cref="EmbeddedServer"/>): one
/// line per entry, from <c>level</c> up. Orleans' watchdog is kept to errors. Orleans 10.4 starts its platform check
/// before it stamps its participant check, so a first look that comes early (a busy start, a build beside it) warns
/// of a "participant check" stalled for as long as the machine has been up. A stall costs a run wall time only (its
/// report's <c>host</c> block), never its figures. The health checks' service is kept to critical entries: it logs
/// every unhealthy answer as an error, and <c>serve</c>'s <c>/healthz</c> answers unhealthy while its silo stops, as a
/// script polling it expects.
/// </summary>
public static class EmbeddedLogging
{
    /// <summary>The log category of Orleans' silo watchdog.</summary>
    public const string OrleansWatchdog = "Orleans.Runtime.Watchdog";

    /// <summary>The log categories of the health checks' service.</summary>
    public const string HealthChecks = "Microsoft.Extensions.Diagnostics.HealthChecks";

    public static ILoggingBuilder AddEmbeddedConsole(this ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.SetMinimumLevel(level);
        logging.AddFilter(OrleansWatchdog, LogLevel.Error);
        logging.AddFilter(HealthChecks, LogLevel.Critical);
        return logging;
    }
}
