using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Grains.Runs;
using OrleansGossip.Hosting.Storage;

namespace OrleansGossip.Silo.Storage;

/// <summary>The silo's storage by configuration: grain state (<c>GrainStorage</c>) and the export of reports (<c>ReportExport</c>).</summary>
public static class StorageSiloBuilderExtensions
{
    /// <summary>
    /// Registers the grain storage of <paramref name="grainStorage"/> (or the <c>GrainStorage</c> section) under each of
    /// the emulator's storage names, and, when <c>ReportExport:ConnectionString</c> is set, the upload of each completed
    /// run's report. Bad settings throw <see cref="OptionsValidationException"/> naming the key.
    /// </summary>
    public static ISiloBuilder AddGossipStorage(this ISiloBuilder silo, IConfiguration configuration, GrainStorageOptions? grainStorage = null)
    {
        silo.AddGossipGrainStorage(grainStorage ?? configuration.ReadGrainStorage(), [.. EmulatorStorage.Names]);

        var export = configuration.GetSection(ReportExportOptions.SectionName).Get<ReportExportOptions>() ?? new ReportExportOptions();
        if (!string.IsNullOrWhiteSpace(export.ConnectionString))
        {
            if (!BlobNames.IsValidContainer(export.ContainerName))
            {
                throw new OptionsValidationException(ReportExportOptions.SectionName, typeof(ReportExportOptions),
                    [$"{ReportExportOptions.SectionName}:ContainerName '{export.ContainerName}' is not a blob container name (3 to 63 lower-case letters, digits and single hyphens)"]);
            }

            silo.Services.AddSingleton<IRunReportExporter>(services => new BlobReportExporter(
                new BlobContainerClient(export.ConnectionString, export.ContainerName),
                services.GetRequiredService<ILogger<BlobReportExporter>>()));
        }

        return silo;
    }
}
