using System.Text;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Silo.Reports;
using Xunit;

namespace OrleansGossip.Grains.Tests.Reports;

public sealed class ArtifactCsvWriterTests
{
    [Fact]
    public async Task Rows_read_back_field_for_field_with_quoting_where_RFC_4180_needs_it()
    {
        ArtifactRow[] rows =
        [
            new("app", "00ff", "ingress", 1024, 1000.25, 10.5, 30, 40.125, 13, 12),
            new("odd, \"quoted\"\nsubnet", "0a0b", "block-proposal", 2_097_152, 0, 12345.678, null, null, 2, 3),
        ];
        await using var text = new StringWriter();

        await ArtifactCsvWriter.WriteAsync(text, rows, TestContext.Current.CancellationToken);

        var csv = text.ToString();
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        var records = Parse(csv);
        Assert.Equal(3, records.Count);
        Assert.Equal(["subnet", "artifact", "kind", "size", "createdAtMs", "reach50Ms", "reach67Ms", "reach100Ms", "holders", "bodiesReceived"], records[0]);
        Assert.Equal(["app", "00ff", "ingress", "1024", "1000.25", "10.5", "30", "40.125", "13", "12"], records[1]);
        Assert.Equal(["odd, \"quoted\"\nsubnet", "0a0b", "block-proposal", "2097152", "0", "12345.678", "", "", "2", "3"], records[2]);
        Assert.Contains("\"odd, \"\"quoted\"\"\nsubnet\",0a0b,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\"app\"", csv, StringComparison.Ordinal);
    }

    /// <summary>A strict RFC 4180 reader: records end with CRLF; a quoted field may hold commas, CR, LF and doubled quotes.</summary>
    private static List<List<string>> Parse(string csv)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < csv.Length)
        {
            if (csv[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    Assert.True(i < csv.Length, "unterminated quoted field");
                    if (csv[i] == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (csv[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(csv[i++]);
                    }
                }

                Assert.True(i == csv.Length || csv[i] is ',' or '\r', $"text after a closing quote at {i}");
            }
            else if (csv[i] == ',')
            {
                record.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (csv[i] == '\r')
            {
                Assert.True(i + 1 < csv.Length && csv[i + 1] == '\n', $"a bare CR at {i}");
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i += 2;
            }
            else
            {
                Assert.False(csv[i] is '"' or '\n', $"'{csv[i]}' outside quotes at {i}");
                field.Append(csv[i++]);
            }
        }

        Assert.True(record.Count == 0 && field.Length == 0, "the last record does not end with CRLF");
        return records;
    }
}
