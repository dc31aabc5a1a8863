namespace OrleansGossip.Gateway.Contracts;

/// <summary>
/// An artifact to submit to a node: its kind (wire name, e.g. <c>ingress</c>), its size in bytes (a synthetic body), or
/// its body (base64; the size is then the body's), and optionally its attribute (ingress expiry or consensus height).
/// </summary>
public sealed class SubmitArtifactRequest
{
    public string? Kind { get; init; }

    public int? Size { get; init; }

    public byte[]? Body { get; init; }

    public long? Attribute { get; init; }
}
