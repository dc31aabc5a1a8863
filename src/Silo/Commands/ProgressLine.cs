using System.Globalization;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Silo.Reports;

namespace OrleansGossip.Silo.Commands;

/// <summary>
/// A run's progress on the console: one line redrawn in place on a terminal, a line every few seconds when the
/// output is redirected (a log, CI). It ends with the run's slowdown so far: the wall seconds each emulated second took,
/// the time scale while the machine keeps the run's pace, more when it cannot (the figures are the same either way).
/// </summary>
public sealed class ProgressLine(TextWriter output, bool interactive)
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(2);
    private DateTime _lastLogged = DateTime.MinValue;

    public void Show(RunProgress progress)
    {
        var line = Format(progress);
        if (interactive)
        {
            output.Write("\r" + line.PadRight(Console.IsOutputRedirected ? 0 : Math.Max(0, Console.WindowWidth - 1)));
            return;
        }

        if (DateTime.UtcNow - _lastLogged >= LogInterval)
        {
            output.WriteLine(line);
            _lastLogged = DateTime.UtcNow;
        }
    }

    public void Finish()
    {
        if (interactive)
        {
            output.WriteLine();
        }
    }

    public static string Format(RunProgress p)
    {
        var share = p.DurationSeconds > 0 ? Math.Clamp(p.EmulatedSeconds / p.DurationSeconds, 0, 1) : 0;
        const int width = 24;
        var filled = (int)Math.Round(share * width);
        var bar = new string('#', filled) + new string('.', width - filled);
        var delivered = p.ExpectedDeliveries > 0
            ? string.Create(CultureInfo.InvariantCulture, $" ({(double)p.Deliveries / p.ExpectedDeliveries:P0})")
            : "";
        var slowdown = p.Slowdown > 0 ? $"{ReportFormat.Slowdown(p.Slowdown)}x" : ReportFormat.None;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{bar}] {p.Phase,-9} t={Math.Min(p.EmulatedSeconds, p.DurationSeconds):F1}/{p.DurationSeconds:F0}s  artifacts {p.ArtifactsCreated:N0}  deliveries {p.Deliveries:N0}{delivered}  slowdown {slowdown}");
    }
}
