using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace OrleansGossip.Hosting.Storage;

/// <summary>Registers the grain storage that the <c>GrainStorage</c> section names, under each of the emulator's storage names.</summary>
public static class GrainStorageSiloBuilderExtensions
{
    /// <summary>Reads the <c>GrainStorage</c> section of <paramref name="configuration"/> (memory when it is absent).</summary>
    public static GrainStorageOptions ReadGrainStorage(this IConfiguration configuration) =>
        configuration.GetSection(GrainStorageOptions.SectionName).Get<GrainStorageOptions>() ?? new GrainStorageOptions();

    /// <summary>
    /// Validates <paramref name="options"/> (throwing <see cref="OptionsValidationException"/> that names each bad key)
    /// and registers the storage under every one of <paramref name="names"/>.
    /// </summary>
    public static ISiloBuilder AddGossipGrainStorage(this ISiloBuilder silo, GrainStorageOptions options, params string[] names)
    {
        GrainStorageOptionsValidator.ThrowIfInvalid(options);
        foreach (var name in names)
        {
            if (options.Provider.Equals("memory", StringComparison.OrdinalIgnoreCase))
            {
                silo.AddMemoryGrainStorage(name);
            }
            else
            {
                silo.AddAzureBlobGrainStorage(name, options.ConnectionString!, options.ContainerName);
            }
        }

        return silo;
    }

    /// <summary>Registers an <see cref="AzureBlobGrainStorage"/> named <paramref name="name"/> on a container of the account.</summary>
    public static ISiloBuilder AddAzureBlobGrainStorage(this ISiloBuilder silo, string name, string connectionString, string containerName)
    {
        silo.Services.AddGrainStorage(name, (services, storageName) => new AzureBlobGrainStorage(
            storageName,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            new BlobContainerClient(connectionString, containerName),
            services.GetRequiredService<Serializer>(),
            services.GetRequiredService<ILogger<AzureBlobGrainStorage>>()));
        return silo;
    }
}
