using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansGossip.Gateway.Problems;

/// <summary>
/// Reads a request's JSON body strictly (unknown members, numbers in strings and trailing garbage are refused), within
/// a size limit; a body that cannot be read is a <see cref="GatewayProblemException"/> naming the path and line at fault.
/// </summary>
public static class JsonBody
{
    public static async Task<string> ReadTextAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentType is { Length: > 0 } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new GatewayProblemException(
                StatusCodes.Status415UnsupportedMediaType,
                "The request body must be JSON.",
                new Dictionary<string, string[]> { ["$"] = [$"content type '{type}' is not JSON; send application/json"] });
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }

        if (buffer.Length == 0)
        {
            throw GatewayProblemException.BadRequest("$", "the request needs a JSON body");
        }

        try
        {
            return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (ArgumentException)
        {
            throw GatewayProblemException.BadRequest("$", "the body is not UTF-8 text");
        }
    }

    public static async Task<T> ReadAsync<T>(HttpRequest request, int maxBytes, JsonSerializerOptions options)
        where T : class
    {
        var text = await ReadTextAsync(request, maxBytes);
        return Parse<T>(text, options);
    }

    public static T Parse<T>(string text, JsonSerializerOptions options)
        where T : class
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(text, options);
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 0 } p ? p : "$";
            var message = e.Message;
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            var problem = GatewayProblemException.BadRequest(path, cut > 0 ? message[..cut] : message);
            if (e.LineNumber is { } line)
            {
                problem.Extensions["lines"] = new Dictionary<string, long> { [path] = line + 1 };
            }

            throw problem;
        }

        return value ?? throw GatewayProblemException.BadRequest("$", "the body is null; send a JSON object");
    }

    private static GatewayProblemException TooLarge(int maxBytes) => new(
        StatusCodes.Status413PayloadTooLarge,
        "The request body is too large.",
        new Dictionary<string, string[]> { ["$"] = [$"the body is larger than {maxBytes} bytes"] });
}
