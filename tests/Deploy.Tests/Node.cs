using YamlDotNet.RepresentationModel;

namespace OrleansGossip.Deploy.Tests;

/// <summary>
/// A YAML node: a map, a list or a scalar. A missing key gives <see cref="Missing"/>, so that a path can be followed
/// and checked at its end (<see cref="Exists"/>).
/// </summary>
public sealed class Node
{
    public static readonly Node Missing = new(null, null, null);

    private readonly IReadOnlyDictionary<string, Node>? _map;
    private readonly IReadOnlyList<Node>? _list;
    private readonly string? _scalar;

    private Node(IReadOnlyDictionary<string, Node>? map, IReadOnlyList<Node>? list, string? scalar)
    {
        _map = map;
        _list = list;
        _scalar = scalar;
    }

    public bool Exists => _map is not null || _list is not null || _scalar is not null;

    public Node this[string key] => _map is not null && _map.TryGetValue(key, out var value) ? value : Missing;

    public IReadOnlyDictionary<string, Node> Map => _map ?? new Dictionary<string, Node>();

    public IReadOnlyList<Node> Items => _list ?? [];

    /// <summary>The scalar; throws when this is no scalar, so that a test names what it expected.</summary>
    public string Text => _scalar ?? throw new InvalidOperationException("expected a scalar value here");

    public string? TextOrNull => _scalar;

    /// <summary>A map's string values, e.g. labels.</summary>
    public IReadOnlyDictionary<string, string> Strings => Map.Where(e => e.Value.TextOrNull is not null).ToDictionary(e => e.Key, e => e.Value.Text);

    public static Node From(YamlNode node) => node switch
    {
        YamlMappingNode map => new Node(map.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => From(e.Value)), null, null),
        YamlSequenceNode list => new Node(null, list.Children.Select(From).ToList(), null),
        YamlScalarNode scalar => new Node(null, null, scalar.Value ?? string.Empty),
        _ => Missing,
    };
}
