using System.Reflection;
using OrleansGossip.Tests.Shared;

namespace OrleansGossip.Deploy.Tests;

/// <summary>The repository's files the deployment tests read, and the Bicep CLI.</summary>
public static class Repository
{
    public static string Root => RepositoryFiles.Root;

    public static string PathOf(params string[] parts) => RepositoryFiles.Path(parts);

    public static string ReadText(params string[] parts) => File.ReadAllText(PathOf(parts));

    /// <summary>The Bicep CLI of the NuGet package, as its build props placed it.</summary>
    public static string BicepPath => typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!.Replace('\\', '/');
}
