using System.Text.Json;
using Xunit;

namespace OrleansGossip.Deploy.Tests;

/// <summary>
/// infra/bicep compiles and lints clean with the Bicep CLI of the NuGet package (offline): no error and no warning,
/// with the analyzers of its bicepconfig.json; and the compiled template has what docs/deploy.md relies on.
/// </summary>
public sealed class BicepTests
{
    private static readonly string Folder = Repository.PathOf("infra", "bicep");

    public static TheoryData<string> Files() =>
    [
        "main.bicep",
        "main.dev.bicepparam",
        "main.prod.bicepparam",
        .. Directory.GetFiles(Path.Combine(Folder, "modules"), "*.bicep").Select(f => $"modules/{Path.GetFileName(f)}").Order(),
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task LintReportsNothing(string file)
    {
        var result = await Bicep("lint", file);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Stderr.Trim().Length == 0 && result.Stdout.Trim().Length == 0, $"bicep lint {file} is not clean:\n{result}");
    }

    [Fact]
    public async Task MainBuildsWithoutWarningsAndOutputsTheUrls()
    {
        var result = await Bicep("build", "main.bicep", "--stdout");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Stderr.Trim().Length == 0, $"bicep build main.bicep warned:\n{result.Stderr}");

        using var template = JsonDocument.Parse(result.Stdout);
        var outputs = template.RootElement.GetProperty("outputs");
        foreach (var output in new[] { "gatewayUrl", "dashboardUrl", "registryLoginServer", "aksName", "redisName", "storageAccountName" })
        {
            Assert.True(outputs.TryGetProperty(output, out _), $"main.bicep has no output '{output}' (docs/deploy.md uses it)");
        }

        var hosting = template.RootElement.GetProperty("parameters").GetProperty("hosting").GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Equal(["aks", "vmss"], hosting);
    }

    [Theory]
    [InlineData("main.dev.bicepparam", "dev")]
    [InlineData("main.prod.bicepparam", "prod")]
    public async Task ParameterFilesBuildAgainstMain(string file, string environment)
    {
        var result = await Bicep("build-params", file, "--stdout");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Stderr.Trim().Length == 0, $"bicep build-params {file} warned:\n{result.Stderr}");

        using var compiled = JsonDocument.Parse(result.Stdout);
        using var parameters = JsonDocument.Parse(compiled.RootElement.GetProperty("parametersJson").GetString()!);
        Assert.Equal(environment, parameters.RootElement.GetProperty("parameters").GetProperty("environmentName").GetProperty("value").GetString());
    }

    /// <summary>The analyzers are really on: the same folder's configuration turns a flaw into a diagnostic.</summary>
    [Fact]
    public async Task TheAnalyzersCatchAFlaw()
    {
        var scratch = Directory.CreateTempSubdirectory("bicep-lint-");
        try
        {
            File.Copy(Path.Combine(Folder, "bicepconfig.json"), Path.Combine(scratch.FullName, "bicepconfig.json"));
            await File.WriteAllTextAsync(Path.Combine(scratch.FullName, "flawed.bicep"), """
                param unused string
                output arm string = 'https://management.azure.com/'
                """, TestContext.Current.CancellationToken);
            var result = await ProcessRunner.RunAsync(Repository.BicepPath, ["lint", "flawed.bicep"], scratch.FullName);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("no-unused-params", result.Stderr + result.Stdout, StringComparison.Ordinal);
            Assert.Contains("no-hardcoded-env-urls", result.Stderr + result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static Task<ProcessRunner.Result> Bicep(params string[] arguments) =>
        ProcessRunner.RunAsync(Repository.BicepPath, arguments, Folder);
}
