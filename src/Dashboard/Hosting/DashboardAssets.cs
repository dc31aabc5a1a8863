using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace OrleansGossip.Dashboard.Hosting;

/// <summary>
/// The page and its bundle, embedded in this assembly (built by the project's npm build into <c>wwwroot/</c>), so that
/// any host serves them without files beside it and the page loads nothing from elsewhere.
/// </summary>
public static class DashboardAssets
{
    private const string Prefix = "dashboard/";

    private static readonly Lazy<FrozenDictionary<string, Asset>> Assets = new(Load);

    /// <summary>Answers a request for <paramref name="path"/> (relative to <c>wwwroot/</c>), with a validator for revalidation.</summary>
    public static IResult Serve(HttpContext context, string path)
    {
        if (!Assets.Value.TryGetValue(path, out var asset))
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.GetTypedHeaders();
        headers.ETag = asset.ETag;
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        var requested = context.Request.GetTypedHeaders().IfNoneMatch;
        if (requested.Any(tag => tag.Compare(asset.ETag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    public static IReadOnlyCollection<string> Paths => Assets.Value.Keys;

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var normalized = name.Replace('\\', '/');
            if (!normalized.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8))}\"");
            var path = normalized[Prefix.Length..];
            assets[path] = new Asset(content, ContentType(path), tag);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".json" => "application/json",
        ".map" => "application/json",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
}
