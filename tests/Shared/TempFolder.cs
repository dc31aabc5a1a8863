namespace OrleansGossip.Tests.Shared;

/// <summary>
/// A folder of a test's own under the system's temporary folder, deleted with what it holds when disposed. Each test
/// project compiles this file in (see <c>tests/Directory.Build.props</c>).
/// </summary>
internal sealed class TempFolder(string prefix) : IDisposable
{
    public string FullName { get; } = Directory.CreateTempSubdirectory($"orleansgossip-{prefix}-").FullName;

    /// <summary>The path of <paramref name="name"/> in the folder.</summary>
    public string Path(string name) => System.IO.Path.Combine(FullName, name);

    /// <summary>The subfolder <paramref name="name"/>, created.</summary>
    public string Sub(string name) => Directory.CreateDirectory(Path(name)).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullName, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
