using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OrleansGossip.Gateway.Security;

/// <summary>
/// Decides who may call the Gateway's API, from the method, the caller's address and its credentials, by
/// <see cref="GatewayAccessOptions"/>. Keys and tokens are compared in constant time.
/// </summary>
public sealed class GatewayAccessPolicy(IOptionsMonitor<GatewayAccessOptions> options)
{
    public GatewayAccessVerdict Evaluate(string method, IPAddress? remote, string? authorization, string? apiKey)
    {
        var access = options.CurrentValue;
        var read = HttpMethodIsRead(method);
        if (read && access.OpenReadsOnLoopback && remote is not null && IPAddress.IsLoopback(remote))
        {
            return GatewayAccessVerdict.Allow;
        }

        if (access.ApiKeys.Count == 0 && access.BearerTokens.Count == 0)
        {
            return new GatewayAccessVerdict(403, read
                ? $"reads are open on loopback only; set {GatewayAccessOptions.SectionName}:ApiKeys or :BearerTokens to allow others"
                : $"changes are disabled: set {GatewayAccessOptions.SectionName}:ApiKeys or {GatewayAccessOptions.SectionName}:BearerTokens");
        }

        if (Matches(apiKey, access.ApiKeys) || Matches(BearerToken(authorization), access.BearerTokens))
        {
            return GatewayAccessVerdict.Allow;
        }

        return new GatewayAccessVerdict(401, $"an API key ({GatewayAccessOptions.ApiKeyHeader}) or a bearer token (Authorization: Bearer) is required");
    }

    private static bool HttpMethodIsRead(string method) =>
        string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase)
        || string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase)
        || string.Equals(method, "OPTIONS", StringComparison.OrdinalIgnoreCase);

    private static string? BearerToken(string? authorization)
    {
        const string scheme = "Bearer ";
        return authorization is not null && authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            ? authorization[scheme.Length..].Trim()
            : null;
    }

    private static bool Matches(string? presented, List<string> secrets)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                match |= CryptographicOperations.FixedTimeEquals(hash, SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
            }
        }

        return match;
    }
}
