using OrleansGossip.Tests.Shared;

namespace OrleansGossip.Dashboard.Tests;

/// <summary>Where the tests leave files for people to look at: <c>TestResults/dashboard/</c> at the repository's root.</summary>
public static class Artefacts
{
    public static string Directory
    {
        get
        {
            var path = RepositoryFiles.Path("TestResults", "dashboard");
            System.IO.Directory.CreateDirectory(path);
            return path;
        }
    }
}
