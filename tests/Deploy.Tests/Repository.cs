using System.Reflection;

namespace OrleansGossip.Deploy.Tests;

/// <summary>Where the repository's files are, found from the test assembly upwards.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string ReadText(params string[] parts) => File.ReadAllText(PathOf(parts));

    /// <summary>The Bicep CLI of the NuGet package, as its build props placed it.</summary>
    public static string BicepPath => typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!.Replace('\\', '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansGossip.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"OrleansGossip.sln not found above {AppContext.BaseDirectory}");
    }
}
