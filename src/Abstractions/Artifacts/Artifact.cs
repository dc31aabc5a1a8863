namespace OrleansGossip.Abstractions.Artifacts;

/// <summary>An artifact whole: its advert and its body.</summary>
[GenerateSerializer, Immutable]
public sealed record Artifact(Advert Advert, ArtifactBody Body)
{
    public ArtifactId Id => Advert.Id;

    /// <summary>Makes an artifact whose advert carries the true hash of <paramref name="body"/>.</summary>
    public static Artifact Create(ArtifactKind kind, long attribute, string origin, long sequence, ArtifactBody body)
    {
        var id = ArtifactId.For(kind, attribute, origin, sequence);
        return new Artifact(new Advert(id, kind, attribute, body.Size, body.ComputeHash(kind)), body);
    }

    /// <summary>True when the body matches the hash its advert promises.</summary>
    public bool IsIntact => Body.Size == Advert.Size && Body.ComputeHash(Advert.Kind) == Advert.IntegrityHash;
}
