using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansGossip.Silo.Hosting;
using Xunit;

namespace OrleansGossip.Gateway.Tests;

/// <summary>
/// What an embedded host writes to the console: warnings, but not the Orleans watchdog's false start-up alarm, nor an
/// error for each poll of <c>/healthz</c> while it answers unhealthy (once the silo stops).
/// </summary>
public sealed class EmbeddedLoggingTests(ServerFixture fixture)
{
    [Fact]
    public void The_watchdog_logs_only_errors_while_the_rest_of_Orleans_still_warns()
    {
        var loggers = fixture.Server.Services.GetRequiredService<ILoggerFactory>();

        var watchdog = loggers.CreateLogger(EmbeddedLogging.OrleansWatchdog);
        Assert.False(watchdog.IsEnabled(LogLevel.Warning));
        Assert.True(watchdog.IsEnabled(LogLevel.Error));

        Assert.True(loggers.CreateLogger("Orleans.Runtime.Catalog").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("OrleansGossip.Grains.Runs.RunGrain").IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void The_health_checks_log_only_critical_entries()
    {
        var healthChecks = fixture.Server.Services.GetRequiredService<ILoggerFactory>()
            .CreateLogger("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService");

        Assert.False(healthChecks.IsEnabled(LogLevel.Error));
        Assert.True(healthChecks.IsEnabled(LogLevel.Critical));
    }
}
