namespace OrleansGossip.Silo.Reports.Comparison;

/// <summary>One artifact kind's figures side by side, keyed by protocol name; a protocol whose run had no such artifact is absent.</summary>
public sealed record KindComparison
{
    public string Kind { get; init; } = "";

    public IReadOnlyDictionary<string, KindFigures> Protocols { get; init; } = new Dictionary<string, KindFigures>();
}
