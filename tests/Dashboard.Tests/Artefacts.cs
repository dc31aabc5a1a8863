namespace OrleansGossip.Dashboard.Tests;

/// <summary>Where the tests leave files for people to look at: <c>TestResults/dashboard/</c> at the repository's root.</summary>
public static class Artefacts
{
    public static string Directory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OrleansGossip.sln")))
            {
                dir = dir.Parent;
            }

            var path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "dashboard");
            System.IO.Directory.CreateDirectory(path);
            return path;
        }
    }
}
