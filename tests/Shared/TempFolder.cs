namespace OrleansGossip.Tests.Shared;

/// <summary>
/// A folder of a test's own under the system's temporary folder, deleted with what it holds when disposed. Each test
/// project compiles this file in (see <c>tests/Directory.Build.props</c>).
/// </summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix)
    {
        FullName = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"orleansgossip-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(FullName);
    }

    public string FullName { get; }

    /// <summary>The path of <paramref name="name"/> in the folder.</summary>
    public string Path(string name) => System.IO.Path.Combine(FullName, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullName, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
