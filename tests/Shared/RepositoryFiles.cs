namespace OrleansGossip.Tests.Shared;

/// <summary>
/// The repository's files, from wherever the tests run: the root is the first folder above the test binaries that
/// holds the solution file. Each test project compiles this file in (see <c>tests/Directory.Build.props</c>).
/// </summary>
internal static class RepositoryFiles
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
