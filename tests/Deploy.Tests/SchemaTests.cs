using Xunit;

namespace OrleansGossip.Deploy.Tests;

/// <summary>
/// The manifests against the Kubernetes API's own schemas (the OpenAPI definitions compiled into the npm package
/// kubernetes-models; offline), run with Node.js from k8s-schema/ (installed by test.sh with npm ci).
/// </summary>
public sealed class SchemaTests
{
    private static readonly string Validator = Repository.PathOf("tests", "Deploy.Tests", "k8s-schema");

    [Fact]
    public async Task EveryManifestMatchesTheKubernetesSchemas()
    {
        var files = Directory.GetFiles(Repository.PathOf("deploy", "k8s"), "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").Order().ToList();
        var result = await Validate(["--no-schema=NginxIngressController", .. files]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Manifest.LoadAll().Count, result.Stdout.Split('\n').Count(l => l.StartsWith("VALID ", StringComparison.Ordinal) || l.StartsWith("NOSCHEMA ", StringComparison.Ordinal)));
    }

    /// <summary>The validator is real: a silo Deployment with a string port and a probe without its handler is refused, named.</summary>
    [Fact]
    public async Task AManifestThatBreaksTheSchemaIsRefused()
    {
        var broken = Repository.ReadText("deploy", "k8s", "silo.yaml")
            .Replace("containerPort: 11111", "containerPort: eleven", StringComparison.Ordinal)
            .Replace("replicas: 3", "replicas: three", StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), $"broken-silo-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, broken, TestContext.Current.CancellationToken);
        try
        {
            var result = await Validate([file]);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("INVALID", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("must be integer", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<ProcessRunner.Result> Validate(string[] arguments)
    {
        var folder = Path.GetFullPath(Validator);
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "kubernetes-models")), $"run 'npm ci --prefix {folder}' (test.sh does)");
        return await ProcessRunner.RunAsync("node", ["validate.mjs", .. arguments], folder);
    }
}
