using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Registry;
using OrleansGossip.Hosting.Storage;
using OrleansGossip.Hosting.Tests.Servers;
using Xunit;

namespace OrleansGossip.Hosting.Tests;

/// <summary>The blob grain storage provider against Azurite: round trips, ETag-checked writes, clearing.</summary>
public sealed class BlobGrainStorageTests(AzuriteServer azurite) : IClassFixture<AzuriteServer>
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private AzureBlobGrainStorage Storage(string container) =>
        new("registry", "hosting-tests", new BlobContainerClient(azurite.ConnectionString, container), Serializer, NullLogger<AzureBlobGrainStorage>.Instance);

    private static GrainId Grain(string key) => GrainId.Create("registry", key);

    private static RegistryState Registry(long version, params string[] subnets) => new()
    {
        Version = version,
        Subnets = subnets.Select(s => new SubnetRecord(new SubnetId(s), version)).ToList(),
        AllowedSilos = ["ab"],
        SiloAllowListInForce = true,
    };

    [Fact]
    public async Task State_round_trips_and_clearing_deletes_it()
    {
        var storage = Storage($"roundtrip-{Guid.NewGuid():N}"[..30]);
        var grain = Grain("run-1");
        var written = new GrainState<RegistryState>(Registry(3, "app", "nns"));

        await storage.WriteStateAsync("registry", grain, written);
        var read = new GrainState<RegistryState>();
        await storage.ReadStateAsync("registry", grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(3, read.State!.Version);
        Assert.Equal(["app", "nns"], read.State!.Subnets.Select(s => s.Id.Value));
        Assert.True(read.State!.SiloAllowListInForce);

        read.State!.Version = 4;
        await storage.WriteStateAsync("registry", grain, read);
        Assert.NotEqual(written.ETag, read.ETag);

        await storage.ClearStateAsync("registry", grain, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        var gone = new GrainState<RegistryState>();
        await storage.ReadStateAsync("registry", grain, gone);
        Assert.False(gone.RecordExists);
        Assert.Equal(0, gone.State!.Version);
    }

    [Fact]
    public async Task Of_two_writers_from_one_read_the_second_gets_a_clear_conflict_and_the_first_one_s_state_stays()
    {
        var storage = Storage($"conflict-{Guid.NewGuid():N}"[..30]);
        var grain = Grain("run-2");
        await storage.WriteStateAsync("registry", grain, new GrainState<RegistryState>(Registry(1, "app")));
        var first = new GrainState<RegistryState>();
        var second = new GrainState<RegistryState>();
        await storage.ReadStateAsync("registry", grain, first);
        await storage.ReadStateAsync("registry", grain, second);

        first.State = Registry(2, "app", "first");
        await storage.WriteStateAsync("registry", grain, first);
        second.State = Registry(2, "app", "second");
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("registry", grain, second));

        Assert.Contains("another activation changed it since this one read it", conflict.Message, StringComparison.Ordinal);
        Assert.Contains(first.ETag!, conflict.Message, StringComparison.Ordinal);
        var stored = new GrainState<RegistryState>();
        await storage.ReadStateAsync("registry", grain, stored);
        Assert.Equal(["app", "first"], stored.State!.Subnets.Select(s => s.Id.Value));
        Assert.Equal(first.ETag, stored.ETag);

        // Clearing with the stale ETag is refused too, and deletes nothing.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("registry", grain, second));
        await storage.ReadStateAsync("registry", grain, stored);
        Assert.True(stored.RecordExists);
    }

    [Fact]
    public async Task Two_activations_that_both_found_no_state_cannot_both_create_it()
    {
        var storage = Storage($"create-{Guid.NewGuid():N}"[..30]);
        var grain = Grain("run-3");
        var first = new GrainState<RegistryState>();
        var second = new GrainState<RegistryState>();
        await storage.ReadStateAsync("registry", grain, first);
        await storage.ReadStateAsync("registry", grain, second);

        first.State = Registry(1, "first");
        await storage.WriteStateAsync("registry", grain, first);
        second.State = Registry(1, "second");
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("registry", grain, second));

        Assert.Contains("none: no blob yet", conflict.Message, StringComparison.Ordinal);
        var stored = new GrainState<RegistryState>();
        await storage.ReadStateAsync("registry", grain, stored);
        Assert.Equal(["first"], stored.State!.Subnets.Select(s => s.Id.Value));
    }

    [Fact]
    public void A_bad_grain_storage_setting_is_named()
    {
        Assert.Equal(
            ["GrainStorage:Provider 'cosmos' is not one of memory, azureblob"],
            new GrainStorageOptionsValidator().Validate(null, new GrainStorageOptions { Provider = "cosmos" }).Failures);
        Assert.Equal(
            ["GrainStorage:ConnectionString is required when GrainStorage:Provider is azureblob", "GrainStorage:ContainerName 'Grain_State' is not a blob container name (3 to 63 lower-case letters, digits and single hyphens)"],
            new GrainStorageOptionsValidator().Validate(null, new GrainStorageOptions { Provider = "azureblob", ContainerName = "Grain_State" }).Failures);
    }
}
