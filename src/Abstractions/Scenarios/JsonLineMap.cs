using System.Text;
using System.Text.Json;

namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>The line on which each JSON path of a document starts, so that a problem found after parsing can say where.</summary>
public sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    public static JsonLineMap Build(string json)
    {
        var map = new JsonLineMap();
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new Stack<Segment>();
        var line = 1;
        var scanned = 0;
        try
        {
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                for (; scanned < start; scanned++)
                {
                    if (bytes[scanned] == (byte)'\n')
                    {
                        line++;
                    }
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (path.TryPeek(out var top) && top.IsObject)
                        {
                            path.Pop();
                            path.Push(top with { Property = reader.GetString() });
                        }

                        map._lines.TryAdd(Format(path), line);
                        continue;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        AdvanceArrayIndex(path);
                        map._lines.TryAdd(Format(path), line);
                        path.Push(new Segment(reader.TokenType == JsonTokenType.StartObject, null, -1));
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.Pop();
                        continue;
                    default:
                        AdvanceArrayIndex(path);
                        map._lines.TryAdd(Format(path), line);
                        continue;
                }
            }
        }
        catch (JsonException)
        {
            // A malformed document is reported by the parser; the map keeps what it read.
        }

        return map;
    }

    /// <summary>The line of <paramref name="path"/>, or of its nearest enclosing path that has one.</summary>
    public int? LineOf(string path)
    {
        for (var candidate = path; candidate.Length > 0; candidate = Parent(candidate))
        {
            if (_lines.TryGetValue(candidate, out var line))
            {
                return line;
            }
        }

        return null;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? (path == "$" ? "" : "$") : path[..cut];
    }

    private static void AdvanceArrayIndex(Stack<Segment> path)
    {
        if (path.TryPeek(out var top) && !top.IsObject)
        {
            path.Pop();
            path.Push(top with { Index = top.Index + 1 });
        }
    }

    private static string Format(Stack<Segment> path)
    {
        var builder = new StringBuilder("$");
        foreach (var segment in path.Reverse())
        {
            if (segment.IsObject)
            {
                if (segment.Property is not null)
                {
                    builder.Append('.').Append(segment.Property);
                }
            }
            else if (segment.Index >= 0)
            {
                builder.Append('[').Append(segment.Index).Append(']');
            }
        }

        return builder.ToString();
    }

    private readonly record struct Segment(bool IsObject, string? Property, int Index);
}
