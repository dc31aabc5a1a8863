using YamlDotNet.RepresentationModel;

namespace OrleansGossip.Deploy.Tests;

/// <summary>One Kubernetes object of deploy/k8s, as a tree of maps, lists and scalar strings, with where it came from.</summary>
public sealed record Manifest(string File, Node Root)
{
    public string ApiVersion => Root["apiVersion"].Text;

    public string Kind => Root["kind"].Text;

    public string Name => Root["metadata"]["name"].Text;

    public override string ToString() => $"{Kind} {Name} ({File})";

    /// <summary>Every document of every YAML file in deploy/k8s but the kustomization.</summary>
    public static IReadOnlyList<Manifest> LoadAll()
    {
        var folder = Repository.PathOf("deploy", "k8s");
        var manifests = new List<Manifest>();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order())
        {
            if (Path.GetFileName(file) == "kustomization.yaml")
            {
                continue;
            }

            manifests.AddRange(Load(file).Select(root => new Manifest(Path.GetFileName(file), root)));
        }

        return manifests;
    }

    public static IReadOnlyList<Node> Load(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            stream.Load(reader);
        }

        return stream.Documents.Where(d => d.RootNode is YamlMappingNode).Select(d => Node.From(d.RootNode)).ToList();
    }
}
