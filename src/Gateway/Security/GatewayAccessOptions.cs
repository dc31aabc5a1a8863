namespace OrleansGossip.Gateway.Security;

/// <summary>
/// Who may use the Gateway's HTTP API (section <c>Gateway:Access</c>). Requests that change anything need one of
/// <see cref="ApiKeys"/> (header <c>X-Api-Key</c>) or <see cref="BearerTokens"/> (header <c>Authorization: Bearer</c>);
/// with neither configured they are refused. Reads need one too, unless they come from loopback and
/// <see cref="OpenReadsOnLoopback"/> holds.
/// </summary>
public sealed class GatewayAccessOptions
{
    public const string SectionName = "Gateway:Access";

    public const string ApiKeyHeader = "X-Api-Key";

    public List<string> ApiKeys { get; set; } = [];

    public List<string> BearerTokens { get; set; } = [];

    /// <summary>Reads (GET, HEAD, OPTIONS) from this machine need no key.</summary>
    public bool OpenReadsOnLoopback { get; set; } = true;

    /// <summary>The path the rules apply to; others (the Dashboard's page, health) pass.</summary>
    public string PathPrefix { get; set; } = "/api";
}
