namespace OrleansGossip.Hosting.Tests.Servers;

/// <summary>Finds the servers' programs, or says which package ./test.sh installs them from.</summary>
public static class ExecutableLookup
{
    public static string Find(string name, string package, params string[] alsoIn)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var directory in path.Concat(alsoIn))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"'{name}' is not installed: ./test.sh installs it (package {package})");
    }

    /// <summary>True when this process runs as root (PostgreSQL refuses to).</summary>
    public static bool IsRoot => Environment.UserName == "root";
}
