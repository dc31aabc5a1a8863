using System.Text;
using System.Text.Json;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Silo.Reports;

/// <summary>
/// A run's event log, <c>events.jsonl</c> beside its <c>report.json</c>: what came into the run from outside while it
/// ran (<see cref="RunEvent"/>: faults, behaviours, submissions, each with the emulated time it landed at), one JSON
/// object a line, in the options <c>report.json</c> is written with but on one line each. An empty file when nothing
/// came in. <c>run --replay</c> reads one back (<see cref="Read"/>), and the run it starts lands each event again at
/// its time, which gives the logged run's report.
/// </summary>
public static class EventLog
{
    public const string FileName = "events.jsonl";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The report's options, one line an event; reading takes the <c>kind</c> wherever it is in its object.</summary>
    private static readonly JsonSerializerOptions Options = new(ScenarioLoader.JsonOptions)
    {
        WriteIndented = false,
        AllowOutOfOrderMetadataProperties = true,
    };

    /// <summary>The log's text: a line per event, each ended by a newline; empty for none.</summary>
    public static string Format(IEnumerable<RunEvent> events)
    {
        var text = new StringBuilder();
        foreach (var runEvent in events)
        {
            text.Append(JsonSerializer.Serialize(runEvent, Options)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Writes <see cref="FileName"/> into <paramref name="directory"/> (created if missing); returns its path.</summary>
    public static async Task<string> WriteAsync(IEnumerable<RunEvent> events, string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        await File.WriteAllTextAsync(path, Format(events), Utf8, cancellationToken);
        return path;
    }

    /// <summary>
    /// Reads an event log; blank lines are passed over. Throws <see cref="EventLogException"/>, with the file and the
    /// line, when the file is missing or a line is not an event.
    /// </summary>
    public static IReadOnlyList<RunEvent> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new EventLogException(path, null, "the file does not exist");
        }

        using var reader = File.OpenText(path);
        return Parse(reader, path);
    }

    /// <summary>Reads an event log from <paramref name="reader"/>; <paramref name="source"/> names it in messages.</summary>
    public static IReadOnlyList<RunEvent> Parse(TextReader reader, string source)
    {
        var events = new List<RunEvent>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            RunEvent? runEvent;
            try
            {
                runEvent = JsonSerializer.Deserialize<RunEvent>(line, Options);
            }
            catch (JsonException e)
            {
                throw new EventLogException(source, number, Explain(e));
            }
            catch (NotSupportedException e)
            {
                // An object without a "kind", or with one no event has: the abstract event cannot be made.
                throw new EventLogException(source, number, $"not an event ({Explain(e)}); each line needs a \"kind\": fault, behaviour or submission");
            }

            if (runEvent is null)
            {
                throw new EventLogException(source, number, "not an event (null)");
            }

            if (!double.IsFinite(runEvent.AtMs) || runEvent.AtMs < 0)
            {
                throw new EventLogException(source, number, $"atMs must be a time since the run's epoch, 0 or more, not {runEvent.AtMs}");
            }

            events.Add(runEvent);
        }

        return events;
    }

    private static string Explain(Exception e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

/// <summary>An event log (<see cref="EventLog"/>) that cannot be read: the file, the line when there is one, and what is wrong.</summary>
public sealed class EventLogException(string file, int? line, string problem)
    : Exception(line is { } at ? $"{file}:{at}: {problem}" : $"{file}: {problem}")
{
    public string File { get; } = file;

    public int? Line { get; } = line;

    public string Problem { get; } = problem;
}
