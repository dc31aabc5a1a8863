using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Cluster.Tests;
using OrleansGossip.Hosting.Clustering;
using OrleansGossip.Hosting.Storage;
using OrleansGossip.Hosting.Tests.Servers;
using OrleansGossip.Silo.Storage;
using Xunit;

namespace OrleansGossip.Hosting.Tests;

/// <summary>Silos keeping the registry and run records in blobs on Azurite, and uploading reports there.</summary>
public sealed class BlobStorageSiloTests(AzuriteServer azurite) : IClassFixture<AzuriteServer>
{
    private ClusterSiloSettingsFor Silo(string container) => new(azurite.ConnectionString, container);

    [Fact]
    public async Task The_registry_and_the_run_records_survive_a_silo_restart()
    {
        var silo = Silo($"state-{Guid.NewGuid():N}"[..30]);
        var runId = TestRuns.NewId("survives");
        long version;
        var first = await HostingSilos.StartSiloAsync(silo.Settings("blob-1"));
        try
        {
            var grains = first.Grains();
            var report = await ClusterChecks.RunsTrafficAsync(grains, runId);
            runId = report.RunId;
            version = await grains.GetGrain<IRegistryGrain>(runId).AddNodeAsync(
                new NodeRecord(new NodeId("app-extra"), new SubnetId(TestScenarios.Subnet), "eu", ""));
        }
        finally
        {
            await first.StopQuietlyAsync();
        }

        var second = await HostingSilos.StartSiloAsync(silo.Settings("blob-2"));
        try
        {
            var grains = second.Grains();
            var registry = await grains.GetGrain<IRegistryGrain>(runId).GetSnapshotAsync();
            Assert.Equal(version, registry.Version);
            Assert.Contains(registry.Nodes, n => n.Id.Value == "app-extra");
            Assert.Equal(14, registry.Nodes.Count);

            var run = grains.GetGrain<IRunGrain>(runId);
            Assert.Equal(RunPhase.Completed, (await run.GetProgressAsync()).Phase);
            var report = await run.GetReportAsync();
            Assert.NotNull(report);
            Assert.Equal(runId, report.RunId);
            Assert.NotEmpty(await run.GetArtifactRowsAsync());
            Assert.Contains(await grains.GetGrain<IRunIndexGrain>(IRunIndexGrain.Key).ListAsync(), r => r.RunId == runId);
        }
        finally
        {
            await second.StopQuietlyAsync();
        }
    }

    [Fact]
    public async Task A_completed_run_s_report_is_uploaded_to_the_container()
    {
        var silo = Silo($"export-{Guid.NewGuid():N}"[..30]);
        var host = await HostingSilos.StartSiloAsync(silo.Settings("export-1"), silo.ExportConfiguration("reports-" + Guid.NewGuid().ToString("N")[..12]));
        try
        {
            var report = await ClusterChecks.RunsTrafficAsync(host.Grains(), "export");
            var container = new BlobContainerClient(azurite.ConnectionString, silo.ExportContainer!);
            var folder = BlobReportExporter.FolderOf(report.RunId);

            var names = await Poll.ForAsync(
                async () =>
                {
                    var found = new List<string>();
                    if (await container.ExistsAsync())
                    {
                        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, folder, TestContext.Current.CancellationToken))
                        {
                            found.Add(blob.Name[folder.Length..]);
                        }
                    }

                    return found;
                },
                found => found.Count == 3,
                $"the report of {report.RunId} is uploaded");

            Assert.Equal(["artifacts.csv", "report.html", "report.json"], names.Order());
            var json = (await container.GetBlobClient(folder + "report.json").DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content;
            using var document = JsonDocument.Parse(json.ToMemory());
            Assert.Equal(report.RunId, document.RootElement.GetProperty("runId").GetString());
            var csv = (await container.GetBlobClient(folder + "artifacts.csv").DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content.ToString();
            Assert.StartsWith("subnet,artifact,kind", csv, StringComparison.Ordinal);
            Assert.Equal(report.Subnets.Sum(s => s.Kinds.Sum(k => k.Artifacts)) + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
            var html = await container.GetBlobClient(folder + "report.html").GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken);
            Assert.StartsWith("text/html", html.Value.ContentType, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopQuietlyAsync();
        }
    }

    [Fact]
    public async Task A_run_is_stored_and_uploaded_and_no_node_stores_anything()
    {
        var silo = Silo($"stored-{Guid.NewGuid():N}"[..30]);
        var host = await HostingSilos.StartSiloAsync(silo.Settings("stored-1"), silo.ExportConfiguration("reports-" + Guid.NewGuid().ToString("N")[..12]));
        try
        {
            var grains = host.Grains();

            // The run is stored and uploaded; its nodes store nothing (they resume from their run).
            var measured = await ClusterChecks.RunsTrafficAsync(grains, "measured");
            var exports = new BlobContainerClient(azurite.ConnectionString, silo.ExportContainer!);
            await Poll.UntilAsync(
                async () => await BlobNamesAsync(exports, BlobReportExporter.FolderOf(measured.RunId)) is { Count: 3 },
                "the measured run's report is uploaded");

            var state = await BlobNamesAsync(new BlobContainerClient(azurite.ConnectionString, silo.Container), "");
            Assert.Contains(state, name => name.Contains("/run/", StringComparison.Ordinal) && name.Contains(measured.RunId, StringComparison.Ordinal));
            Assert.DoesNotContain(state, name => name.Contains("/node/", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopQuietlyAsync();
        }
    }

    private static async Task<List<string>> BlobNamesAsync(BlobContainerClient container, string prefix)
    {
        var names = new List<string>();
        if (await container.ExistsAsync(TestContext.Current.CancellationToken))
        {
            await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, TestContext.Current.CancellationToken))
            {
                names.Add(Uri.UnescapeDataString(blob.Name));
            }
        }

        return names;
    }

    /// <summary>One single-silo cluster after another on the same blob container (and service id).</summary>
    private sealed class ClusterSiloSettingsFor(string connectionString, string container)
    {
        public string Container => container;

        public string? ExportContainer { get; private set; }

        public OrleansGossip.Silo.Hosting.ClusterSiloSettings Settings(string name)
        {
            var settings = HostingSilos.Settings(name, new ClusteringOptions { ClusterId = container, ServiceId = container });
            return settings with
            {
                PrimarySiloPort = settings.SiloPort,
                GrainStorage = new GrainStorageOptions { Provider = "azureblob", ConnectionString = connectionString, ContainerName = container },
            };
        }

        public IConfiguration ExportConfiguration(string exportContainer)
        {
            ExportContainer = exportContainer;
            return new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["ReportExport:ConnectionString"] = connectionString,
                    ["ReportExport:ContainerName"] = exportContainer,
                })
                .Build();
        }
    }
}
