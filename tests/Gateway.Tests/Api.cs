using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace OrleansGossip.Gateway.Tests;

/// <summary>A thin client of the API for the tests, with assertions on problem details.</summary>
public sealed class Api(HttpClient http) : IDisposable
{
    /// <summary>For <see cref="ProblemAsync"/>: some field must be named, whichever (malformed JSON is reported where the parser stopped).</summary>
    public const string AnyField = "*";

    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path, TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> DeleteAsync(string path) => Http.DeleteAsync(path, TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> PostAsync(string path, string? json, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, path, json, contentType);

    public Task<HttpResponseMessage> PutAsync(string path, string? json) => SendAsync(HttpMethod.Put, path, json, "application/json");

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Asserts a success status and returns the body.</summary>
    public static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Asserts RFC 9457 problem details with <paramref name="status"/> and, when given, <paramref name="field"/> among
    /// its <c>errors</c>; returns the document.
    /// </summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        if (field == AnyField)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(), $"expected an error for some field: {text}");
        }
        else if (field is not null)
        {
            Assert.True(
                problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
                $"expected an error for '{field}': {text}");
        }

        return problem;
    }

    public void Dispose() => Http.Dispose();
}
