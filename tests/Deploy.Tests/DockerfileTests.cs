using System.Text.RegularExpressions;
using System.Xml.Linq;
using OrleansGossip.Silo.Commands;
using Xunit;

namespace OrleansGossip.Deploy.Tests;

/// <summary>
/// Each deployable's Dockerfile (no Docker daemon needed): an SDK build stage that publishes that project with
/// everything it references, a chiseled or slim ASP.NET runtime stage running as a non-root user, the entry point
/// that project's assembly (and, for the silo, a command its command line has), and the ports its pods use.
/// </summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string> Deployables() => ["Silo", "Gateway", "Dashboard"];

    [Theory]
    [MemberData(nameof(Deployables))]
    public void BuildsWithTheSdkAndRunsOnASmallAspNetRuntime(string project)
    {
        var dockerfile = Read(project);
        Assert.True(dockerfile.Stages.Count >= 2, "multi-stage: a build stage and a runtime stage");
        var dotnet = TargetDotnetVersion();
        var build = dockerfile.Stages[0];
        Assert.Matches($@"^mcr\.microsoft\.com/dotnet/sdk:{Regex.Escape(dotnet)}(-[a-z0-9.-]+)?$", build.Image);
        var runtime = dockerfile.Stages[^1];
        Assert.Matches($@"^mcr\.microsoft\.com/dotnet/aspnet:{Regex.Escape(dotnet)}-[a-z0-9.-]*(chiseled|slim|alpine)[a-z0-9.-]*$", runtime.Image);
        Assert.Contains(runtime.All("COPY"), c => c.Arguments.StartsWith($"--from={build.Name} ", StringComparison.Ordinal));
        Assert.DoesNotContain(runtime.All("RUN"), _ => true);
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void RunsAsANonRootUser(string project)
    {
        var runtime = Read(project).Stages[^1];
        var user = runtime.Last("USER");
        Assert.NotNull(user);
        var uid = user.Split(':')[0];
        Assert.True(int.TryParse(uid, out var id) && id > 0, $"USER {user}: a numeric non-root user id, which Kubernetes' runAsNonRoot can check");
        var userAt = runtime.Instructions.ToList().FindLastIndex(i => i.Keyword == "USER");
        var entryAt = runtime.Instructions.ToList().FindIndex(i => i.Keyword == "ENTRYPOINT");
        Assert.InRange(userAt, 0, entryAt);
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void PublishesTheProjectWithEverythingItReferences(string project)
    {
        var build = Read(project).Stages[0];
        var csproj = $"src/{project}/{project}.csproj";
        Assert.Contains(build.All("RUN"), r => Regex.IsMatch(r.Arguments, $@"dotnet publish {Regex.Escape(csproj)}\b"));

        var copied = build.All("COPY").Where(c => !c.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(c => c.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();
        foreach (var source in copied)
        {
            Assert.True(File.Exists(Repository.PathOf(source)) || Directory.Exists(Repository.PathOf(source)), $"COPY {source}: no such file in the repository");
            Assert.False(IgnoredByDockerignore(source), $"COPY {source}: .dockerignore leaves it out of the build context");
        }

        foreach (var needed in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
        {
            Assert.Contains(needed, copied);
        }

        foreach (var referenced in ProjectClosure(Repository.PathOf("src", project, $"{project}.csproj")))
        {
            var relative = Path.GetRelativePath(Repository.Root, Path.GetDirectoryName(referenced)!).Replace('\\', '/') + "/";
            Assert.True(copied.Any(c => relative.StartsWith(c.TrimEnd('/') + "/", StringComparison.Ordinal)), $"{project}: the build stage does not copy {relative}, which it references");
        }
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void EntersThroughTheProjectsAssembly(string project)
    {
        var entry = Dockerfile.ExecForm(Read(project).Stages[^1].Last("ENTRYPOINT"));
        Assert.NotNull(entry);
        Assert.Equal("dotnet", entry[0]);
        Assert.Equal($"OrleansGossip.{project}.dll", entry[1]);
        if (project == "Silo")
        {
            Assert.Equal("silo", entry[2]);
            Assert.Contains(EmulatorCommandLine.Create().Subcommands, c => c.Name == entry[2]);
        }
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void ExposesThePortsItsPodsDeclare(string project)
    {
        var exposed = Read(project).Stages[^1].All("EXPOSE").SelectMany(e => e.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        var deployment = Assert.Single(Manifest.LoadAll(), m => m.Kind == "Deployment" && m.Name == $"orleansgossip-{project.ToLowerInvariant()}");
        foreach (var port in ManifestTests.ContainerPorts(deployment).Values)
        {
            Assert.Contains(port, exposed);
        }
    }

    private static Dockerfile Read(string project) => Dockerfile.Parse(Repository.PathOf("src", project, "Dockerfile"));

    /// <summary>"10.0" from net10.0 in Directory.Build.props.</summary>
    private static string TargetDotnetVersion()
    {
        var framework = XDocument.Load(Repository.PathOf("Directory.Build.props")).Descendants("TargetFramework").Single().Value;
        return TargetFrameworkVersion().Match(framework).Groups[1].Value;
    }

    private static IEnumerable<string> ProjectClosure(string csproj)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([Path.GetFullPath(csproj)]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
            }
        }

        return seen;
    }

    /// <summary>Whether a top-level pattern of .dockerignore (the ones that could drop sources) covers the path.</summary>
    private static bool IgnoredByDockerignore(string path)
    {
        var normalized = path.TrimEnd('/');
        return File.ReadAllLines(Repository.PathOf(".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("**", StringComparison.Ordinal))
            .Select(l => l.TrimEnd('/'))
            .Any(pattern => normalized == pattern || normalized.StartsWith(pattern + "/", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^net(\d+\.\d+)$")]
    private static partial Regex TargetFrameworkVersion();
}
