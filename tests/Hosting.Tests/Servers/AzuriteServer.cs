using System.Globalization;
using OrleansGossip.Tests.Shared;
using Xunit;

namespace OrleansGossip.Hosting.Tests.Servers;

/// <summary>
/// Azurite's blob service (npm <c>azurite</c>, installed into <c>tools/azurite</c> by ./test.sh with <c>npm ci</c>) on a
/// free loopback port, keeping its data in a temporary folder.
/// </summary>
public sealed class AzuriteServer : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account and key.</summary>
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly TempFolder _folder = new("hosting");
    private ServerProcess? _process;

    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};BlobEndpoint=http://127.0.0.1:{Port}/{Account};";

    /// <summary>The azurite-blob program of the repository's tools folder.</summary>
    public static string Program()
    {
        var program = RepositoryFiles.Path("tools", "azurite", "node_modules", ".bin", "azurite-blob");
        return File.Exists(program)
            ? program
            : throw new InvalidOperationException($"{program} is missing: ./test.sh installs it (npm ci --prefix tools/azurite)");
    }

    public async ValueTask InitializeAsync()
    {
        Port = FreePort.Next();
        _process = ServerProcess.Start("azurite-blob", Program(),
            ["--blobHost", "127.0.0.1", "--blobPort", Port.ToString(CultureInfo.InvariantCulture), "--location", _folder.FullName, "--skipApiVersionCheck", "--silent", "--loose"]);
        await _process.WaitForPortAsync(Port, TimeSpan.FromSeconds(60));
    }

    public ValueTask DisposeAsync()
    {
        _process?.Dispose();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
