using System.Collections;
using System.Reflection;
using Xunit;

namespace OrleansGossip.Deploy.Tests;

/// <summary>
/// Every setting the manifests and the scale set give as an environment variable (A__B is the setting A:B) is one
/// the code reads: a public property of an options class whose <c>SectionName</c> is the setting's section.
/// </summary>
public sealed class SettingsTests
{
    /// <summary>Variables for the platform rather than for the options classes.</summary>
    private static readonly string[] PlatformPrefixes = ["POD_", "ORLEANS_", "DOTNET_", "ASPNETCORE_"];

    [Fact]
    public void EverySettingNamesAPropertyOfAnOptionsClass()
    {
        var sections = OptionsSections();
        var settings = ManifestSettings().Concat(ScaleSetSettings()).ToList();
        Assert.Contains(settings, s => s.Name == "Tls__CertificatePath");

        var wrong = new List<string>();
        var unknownSections = new SortedSet<string>();
        foreach (var (name, where) in settings.Distinct())
        {
            if (PlatformPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }

            var path = name.Split("__");
            var match = sections.Where(s => s.Key.Length < path.Length && s.Key.SequenceEqual(path[..s.Key.Length], StringComparer.OrdinalIgnoreCase))
                .OrderByDescending(s => s.Key.Length).Select(s => s.Value).FirstOrDefault();
            if (match is null)
            {
                unknownSections.Add(path[0]);
                continue;
            }

            var (section, type) = match.Value;
            if (!Resolves(type, path[section.Length..]))
            {
                wrong.Add($"{name} ({where}): {type.Name} (section {string.Join(':', section)}) has no {string.Join(':', path[section.Length..])}");
            }
        }

        Assert.True(wrong.Count == 0, "settings the code does not read:\n" + string.Join('\n', wrong));
        Assert.True(unknownSections.Count == 0, "settings in sections no options class reads: " + string.Join(", ", unknownSections));
    }

    /// <summary>Section path (split on ':') to the options class with that <c>SectionName</c>, over every OrleansGossip assembly.</summary>
    private static Dictionary<string[], (string[] Section, Type Type)?> OptionsSections()
    {
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, "OrleansGossip.*.dll")
            .Where(f => !Path.GetFileName(f).Contains("Tests", StringComparison.Ordinal))
            .Select(f => Assembly.LoadFrom(f));
        var sections = new Dictionary<string[], (string[], Type)?>();
        foreach (var type in assemblies.SelectMany(a => a.GetExportedTypes()))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.GetRawConstantValue() is string name)
            {
                var path = name.Split(':');
                sections[path] = (path, type);
            }
        }

        Assert.NotEmpty(sections);
        return sections;
    }

    /// <summary>Whether the remaining path names a settable property (list indices and dictionary keys allowed).</summary>
    private static bool Resolves(Type type, string[] path)
    {
        var current = type;
        for (var i = 0; i < path.Length; i++)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                current = current.GetGenericArguments()[1];
                continue;
            }

            if (current != typeof(string) && typeof(IEnumerable).IsAssignableFrom(current) && current.IsGenericType)
            {
                if (!int.TryParse(path[i], out _))
                {
                    return false;
                }

                current = current.GetGenericArguments()[0];
                continue;
            }

            var property = current.GetProperty(path[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || (property.SetMethod is not { IsPublic: true } && !typeof(IEnumerable).IsAssignableFrom(property.PropertyType)))
            {
                return false;
            }

            current = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }

        return true;
    }

    private static IEnumerable<(string Name, string Where)> ManifestSettings()
    {
        var all = Manifest.LoadAll();
        foreach (var config in all.Where(m => m.Kind == "ConfigMap"))
        {
            foreach (var key in config.Root["data"].Map.Keys)
            {
                yield return (key, config.ToString());
            }
        }

        foreach (var deployment in all.Where(m => m.Kind == "Deployment"))
        {
            foreach (var variable in ManifestTests.Containers(deployment).SelectMany(ManifestTests.Env))
            {
                yield return (variable["name"].Text, deployment.ToString());
            }
        }
    }

    /// <summary>The settings infra/bicep writes into the scale set's environment file ('NAME=value' lines).</summary>
    private static IEnumerable<(string Name, string Where)> ScaleSetSettings()
    {
        var main = Repository.ReadText("infra", "bicep", "main.bicep");
        var lines = System.Text.RegularExpressions.Regex.Matches(main, @"^\s*'([A-Za-z_][A-Za-z0-9_]*)=", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.NotEmpty(lines);
        return lines.Select(m => (m.Groups[1].Value, "infra/bicep/main.bicep"));
    }
}
