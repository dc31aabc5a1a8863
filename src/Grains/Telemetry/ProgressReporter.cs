using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Grains.Hosting;

namespace OrleansGossip.Grains.Telemetry;

/// <summary>Ships each run's counts from this silo to the run's grain, in aggregates, at a fixed interval.</summary>
public sealed partial class ProgressReporter(
    TelemetryRecorder recorder,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<EmulatorOptions> options,
    ILogger<ProgressReporter> logger) : BackgroundService
{
    /// <summary>A run whose nodes on this silo delivered nothing for this many reports is no longer reported to.</summary>
    private const int QuietReportsBeforeForgetting = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProgressInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var lag = recorder.TakeLag();
            foreach (var run in recorder.Runs)
            {
                try
                {
                    var deliveries = run.TakeDeliveries();
                    run.QuietReports = deliveries == 0 ? run.QuietReports + 1 : 0;
                    if (run.QuietReports > QuietReportsBeforeForgetting)
                    {
                        recorder.ForgetRun(run.RunId);
                        continue;
                    }

                    await grains.GetGrain<IRunGrain>(run.RunId)
                        .ReportProgressAsync(new SiloProgress(silo.Name, deliveries, lag)).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogReportFailed(logger, e, run.RunId);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report progress to run {RunId}")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string runId);
}
