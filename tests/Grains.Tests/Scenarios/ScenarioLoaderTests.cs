using OrleansGossip.Abstractions.Scenarios;
using Xunit;

namespace OrleansGossip.Grains.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    private const string Valid = """
        {
          "name": "withholding",
          "protocol": "advert-gossip",
          "seed": 7,
          "subnets": [
            {
              "id": "app-1",
              "nodes": 13,
              "link": { "latencyMs": 20, "loss": 0.01 },
              "behaviours": [ { "behaviour": "withhold", "count": 2 } ]
            }
          ],
          "workload": { "blocks": { "intervalSeconds": 1, "sizeBytes": 2097152 } },
          "gossip": { "downloadTimeoutMs": 5000 }
        }
        """;

    [Fact]
    public void A_valid_scenario_is_read_whole()
    {
        var scenario = ScenarioLoader.Parse(Valid);

        Assert.Equal("withholding", scenario.Name);
        Assert.Equal(7UL, scenario.Seed);
        var subnet = Assert.Single(scenario.Subnets);
        Assert.Equal(13, subnet.Nodes);
        Assert.Equal(0.01, subnet.Link.Loss);
        Assert.Equal(2, Assert.Single(subnet.Behaviours).Count);
        Assert.Equal(2097152, scenario.Workload.Blocks!.SizeBytes);
        Assert.Equal(5000, scenario.Gossip!.DownloadTimeoutMs);
        Assert.Equal(1_000, scenario.Gossip.PriorityRebuildMs);
    }

    [Fact]
    public void Malformed_json_names_the_line_it_breaks_on()
    {
        const string json = """
            {
              "name": "broken",
              "protocol": "advert-gossip"
              "subnets": []
            }
            """;

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "broken.json"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Equal("$", problem.Path);
        Assert.StartsWith("broken.json: line 4, $:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_inside_a_subnet_names_its_path_and_line()
    {
        const string json = """
            {
              "name": "broken",
              "subnets": [
                {
                  "id": "a",
                  "nodes": 4,
                  "link": { "latencyMs": 20, }
                  "bandwidthMbps": 100
                }
              ]
            }
            """;

        var problem = Single(json);

        Assert.Equal(8, problem.Line);
        Assert.Equal("$.subnets[0]", problem.Path);
    }

    [Fact]
    public void A_truncated_document_is_refused()
    {
        const string json = """
            {
              "name": "cut short",
              "subnets": [
                { "id": "a", "nodes": 4 }
            """;

        var problem = Single(json);

        Assert.Equal(4, problem.Line);
        Assert.StartsWith("$.subnets", problem.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_is_refused_with_its_path_and_line()
    {
        const string json = """
            {
              "name": "typo",
              "subnets": [
                {
                  "id": "a",
                  "nodes": 4,
                  "latency": 20
                }
              ]
            }
            """;

        var problem = Single(json);

        Assert.Equal("$.subnets[0].latency", problem.Path);
        Assert.Equal(7, problem.Line);
        Assert.Contains("latency", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_with_its_path_and_line()
    {
        const string json = """
            {
              "name": "types",
              "subnets": [
                { "id": "a", "nodes": 4 },
                {
                  "id": "b",
                  "nodes": "four"
                }
              ]
            }
            """;

        var problem = Single(json);

        Assert.Equal("$.subnets[1].nodes", problem.Path);
        Assert.Equal(7, problem.Line);
    }

    [Fact]
    public void An_unknown_protocol_is_refused_with_its_path_and_line()
    {
        const string json = """
            {
              "name": "protocol",

              "protocol": "gossipsub",
              "subnets": [ { "id": "a", "nodes": 4 } ]
            }
            """;

        var problem = Single(json);

        Assert.Equal("$.protocol", problem.Path);
        Assert.Equal(4, problem.Line);
        Assert.Contains("gossipsub", problem.Message, StringComparison.Ordinal);
        Assert.Contains("advert-gossip", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(10_001)]
    public void A_bad_node_count_is_refused_with_its_path_and_line(int nodes)
    {
        var json = $$"""
            {
              "name": "nodes",
              "subnets": [
                { "id": "a", "nodes": 4 },
                {
                  "id": "b",
                  "topology": "full-mesh",
                  "nodes": {{nodes}}
                }
              ]
            }
            """;

        var problem = Single(json);

        Assert.Equal("$.subnets[1].nodes", problem.Path);
        Assert.Equal(8, problem.Line);
        Assert.Contains(nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_each_with_its_own_line()
    {
        const string json = """
            {
              "name": "",
              "protocol": "advert-gossip",
              "timeScale": -1,
              "subnets": [
                {
                  "id": "a",
                  "nodes": 4,
                  "link": { "loss": 1.5 },
                  "behaviours": [
                    { "behaviour": "honest", "count": 1 },
                    { "behaviour": "lying", "nodes": [ 0, 9 ] }
                  ]
                }
              ],
              "gossip": {
                "downloadTimeoutMs": 0
              }
            }
            """;

        var problems = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json)).Problems;

        var byPath = problems.ToDictionary(p => p.Path, p => p.Line);
        Assert.Equal(2, byPath["$.name"]);
        Assert.Equal(4, byPath["$.timeScale"]);
        Assert.Equal(9, byPath["$.subnets[0].link.loss"]);
        Assert.Equal(12, byPath["$.subnets[0].behaviours[1].behaviour"]);
        Assert.Equal(12, byPath["$.subnets[0].behaviours[1].nodes[1]"]);
        Assert.Equal(17, byPath["$.gossip.downloadTimeoutMs"]);
        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public void A_problem_on_a_field_left_out_points_at_its_nearest_enclosing_object()
    {
        const string json = """
            {
              "name": "no subnets"
            }
            """;

        var problem = Single(json);

        Assert.Equal("$.subnets", problem.Path);
        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void A_null_document_is_refused()
    {
        var problem = Single("null");

        Assert.Equal("$", problem.Path);
        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void The_message_names_the_source_file_and_the_line()
    {
        const string json = """
            {
              "name": "x",
              "protocol": "carrier-pigeon",
              "subnets": [ { "id": "a", "nodes": 4 } ]
            }
            """;

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "pigeon.json"));

        Assert.Equal("pigeon.json", error.Source);
        Assert.StartsWith("pigeon.json: line 3, $.protocol:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.json");

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(path));

        Assert.Equal(path, error.Source);
        Assert.Equal("$", Assert.Single(error.Problems).Path);
    }

    private static ScenarioProblem Single(string json, string? source = null)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, source));
        return Assert.Single(error.Problems);
    }
}
