using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Json.Schema;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Tests.Shared;
using Xunit;

namespace OrleansGossip.Grains.Tests.Scenarios;

/// <summary>The scenario library and its JSON Schema agree with each other and with the model the emulator reads.</summary>
public sealed class ScenarioLibraryTests
{
    private static readonly string[] Library =
        ["quickstart", "ic-app-subnet", "nns-subnet", "ingress-flood", "byzantine", "partition-heal", "churn", "many-subnets"];

    public static TheoryData<string> LibraryScenarios => new(Library);

    [Theory]
    [MemberData(nameof(LibraryScenarios))]
    public void Every_library_scenario_is_valid_for_the_loader_and_the_schema(string name)
    {
        var path = RepositoryFiles.Path("scenarios", name + ".json");
        var scenario = ScenarioLoader.LoadFile(path);
        Assert.Equal(name, scenario.Name);
        Assert.False(string.IsNullOrWhiteSpace(scenario.Description));

        var result = Schema.Evaluate(JsonDocument.Parse(File.ReadAllText(path)).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{name}.json breaks the schema: {Describe(result)}");
    }

    [Fact]
    public void Every_library_scenario_has_a_line_in_the_documentation()
    {
        var documentation = File.ReadAllText(RepositoryFiles.Path("docs", "scenarios.md"));
        foreach (var name in Library)
        {
            Assert.Contains($"`{name}`", documentation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_schema_refuses_what_the_loader_refuses()
    {
        var broken = """{ "name": "x", "subnets": [ { "id": "a", "nodes": 13, "topology": "star" } ] }""";
        Assert.False(Schema.Evaluate(JsonDocument.Parse(broken).RootElement).IsValid);
        var problem = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(broken)).Problems);
        Assert.Equal("$.subnets[0].topology", problem.Path);
    }

    [Theory]
    [InlineData(typeof(ScenarioSpec), "")]
    [InlineData(typeof(SubnetSpec), "$defs.subnet")]
    [InlineData(typeof(LinkSpec), "$defs.link")]
    [InlineData(typeof(BehaviourSpec), "$defs.behaviour")]
    [InlineData(typeof(FaultSpec), "$defs.fault")]
    [InlineData(typeof(WorkloadSpec), "$defs.workload")]
    [InlineData(typeof(IngressSpec), "$defs.workload.properties.ingress")]
    [InlineData(typeof(BlockSpec), "$defs.workload.properties.blocks")]
    [InlineData(typeof(ConsensusSpec), "$defs.workload.properties.consensus")]
    [InlineData(typeof(Abstractions.Nodes.GossipSettings), "$defs.gossip")]
    public void The_schema_names_exactly_the_fields_of_the_model(Type model, string schemaPath)
    {
        var node = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("scenarios", "schema.json")))!;
        foreach (var step in schemaPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node[step]!;
        }

        var documented = node["properties"]!.AsObject().Select(p => p.Key).Where(k => k != "$schema").Order().ToList();
        var fields = model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<JsonPropertyNameAttribute>() is null && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
            .Order()
            .ToList();
        Assert.Equal(fields, documented);
    }

    private static readonly Lazy<JsonSchema> LoadedSchema =
        new(() => JsonSchema.FromText(File.ReadAllText(RepositoryFiles.Path("scenarios", "schema.json"))));

    private static JsonSchema Schema => LoadedSchema.Value;

    private static string Describe(EvaluationResults result) =>
        string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}"));
}
