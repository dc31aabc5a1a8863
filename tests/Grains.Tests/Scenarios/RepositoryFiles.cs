namespace OrleansGossip.Grains.Tests.Scenarios;

/// <summary>Finds files of the repository from wherever the tests run.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
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
