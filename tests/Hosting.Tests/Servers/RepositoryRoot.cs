namespace OrleansGossip.Hosting.Tests.Servers;

/// <summary>The repository's root folder: the one with the solution file, above the test's binaries.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "OrleansGossip.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no OrleansGossip.sln above {AppContext.BaseDirectory}");
    }
}
