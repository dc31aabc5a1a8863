using System.Globalization;
using OrleansGossip.Abstractions.Reports;

namespace OrleansGossip.Silo.Reports;

/// <summary>
/// Writes <c>artifacts.csv</c>: a header and one row per artifact, as RFC 4180 has it (CRLF line ends, fields with a
/// comma, quote or line break in double quotes, quotes doubled), numbers in the invariant culture, empty for none.
/// </summary>
public static class ArtifactCsvWriter
{
    public static IReadOnlyList<string> Header { get; } =
        ["subnet", "artifact", "kind", "size", "createdAtMs", "reach50Ms", "reach67Ms", "reach100Ms", "holders", "bodiesReceived"];

    public static async Task WriteAsync(TextWriter writer, IEnumerable<ArtifactRow> rows, CancellationToken cancellationToken = default)
    {
        await writer.WriteAsync(Line(Header).AsMemory(), cancellationToken);
        foreach (var row in rows)
        {
            await writer.WriteAsync(Line(
            [
                row.Subnet,
                row.Artifact,
                row.Kind,
                row.Size.ToString(CultureInfo.InvariantCulture),
                Number(row.CreatedAtMs),
                Number(row.Reach50Ms),
                Number(row.Reach67Ms),
                Number(row.Reach100Ms),
                row.Holders.ToString(CultureInfo.InvariantCulture),
                row.BodiesReceived.ToString(CultureInfo.InvariantCulture),
            ]).AsMemory(), cancellationToken);
        }
    }

    /// <summary>One record, its fields quoted where RFC 4180 requires, ended by CRLF.</summary>
    public static string Line(IReadOnlyList<string> fields) => string.Join(",", fields.Select(Quote)) + "\r\n";

    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
