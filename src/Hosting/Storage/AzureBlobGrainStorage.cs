using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansGossip.Hosting.Storage;

/// <summary>
/// Grain state in Azure Blob Storage, one blob per grain and state name, in Orleans' binary serialization. Every write
/// is conditional on the ETag the activation last read or wrote (<c>If-Match</c>; <c>If-None-Match: *</c> for a grain
/// that has no blob yet), so two activations of one grain cannot overwrite each other: the second write fails with an
/// <see cref="InconsistentStateException"/> that says so and leaves the stored state as it was. Clearing deletes the
/// blob, under the same condition.
/// </summary>
public sealed partial class AzureBlobGrainStorage(
    string name,
    string serviceId,
    BlobContainerClient container,
    Serializer serializer,
    ILogger<AzureBlobGrainStorage> logger) : IGrainStorage
{
    private readonly SemaphoreSlim _created = new(1, 1);
    private volatile bool _containerExists;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureContainerAsync();
        var blob = container.GetBlobClient(BlobNames.ForGrain(serviceId, stateName, grainId));
        try
        {
            var download = await blob.DownloadContentAsync();
            grainState.State = serializer.Deserialize<T>(download.Value.Content.ToMemory());
            grainState.ETag = download.Value.Details.ETag.ToString();
            grainState.RecordExists = true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            grainState.State = CreateDefault<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureContainerAsync();
        var blob = container.GetBlobClient(BlobNames.ForGrain(serviceId, stateName, grainId));
        var conditions = grainState.ETag is { } etag
            ? new BlobRequestConditions { IfMatch = new ETag(etag) }
            : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            var bytes = serializer.SerializeToArray(grainState.State);
            var uploaded = await blob.UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions { Conditions = conditions });
            grainState.ETag = uploaded.Value.ETag.ToString();
            grainState.RecordExists = true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw await ConflictAsync(blob, stateName, grainId, grainState.ETag, "write", e);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureContainerAsync();
        var blob = container.GetBlobClient(BlobNames.ForGrain(serviceId, stateName, grainId));
        try
        {
            var conditions = grainState.ETag is { } etag ? new BlobRequestConditions { IfMatch = new ETag(etag) } : null;
            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw await ConflictAsync(blob, stateName, grainId, grainState.ETag, "clear", e);
        }

        grainState.State = CreateDefault<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task<InconsistentStateException> ConflictAsync(BlobClient blob, string stateName, GrainId grainId, string? expected, string what, RequestFailedException cause)
    {
        string current;
        try
        {
            current = (await blob.GetPropertiesAsync()).Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            current = "none (no blob)";
        }

        LogConflict(logger, name, stateName, grainId.ToString(), expected ?? "none", current);
        return new InconsistentStateException(
            $"Grain storage '{name}' refused to {what} state '{stateName}' of {grainId}: another activation changed it since this one read it "
            + $"(this one read ETag {expected ?? "none: no blob yet"}, the blob now has {current}). Nothing was overwritten; "
            + "the stored state is the other activation's. Deactivate this grain to read it anew.",
            current,
            expected ?? "",
            cause);
    }

    private async Task EnsureContainerAsync()
    {
        if (_containerExists)
        {
            return;
        }

        await _created.WaitAsync();
        try
        {
            if (!_containerExists)
            {
                await container.CreateIfNotExistsAsync();
                _containerExists = true;
            }
        }
        finally
        {
            _created.Release();
        }
    }

    private static T CreateDefault<T>() => typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is null ? default! : Activator.CreateInstance<T>();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Name}: write of {StateName} of {GrainId} refused, ETag {Expected} no longer current ({Current})")]
    private static partial void LogConflict(ILogger logger, string name, string stateName, string grainId, string expected, string current);
}
