namespace OrleansGossip.Abstractions.Artifacts;

/// <summary>An artifact's identity: a hash of what the artifact is (its kind, attribute, origin and sequence).</summary>
[GenerateSerializer, Immutable]
public readonly record struct ArtifactId(Hash128 Hash)
{
    public static ArtifactId For(ArtifactKind kind, long attribute, string origin, long sequence)
    {
        var text = $"{(byte)kind}|{attribute}|{origin}|{sequence}";
        return new ArtifactId(Hash128.Of(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    public override string ToString() => Hash.ToString();
}
