using System.CommandLine;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OrleansGossip.Benchmarks.Micro;

/// <summary>
/// <c>micro</c>: BenchmarkDotNet micro-benchmarks of the protocol core, in this process (server GC, as a silo runs).
/// BenchmarkDotNet's own report goes to the console; the last line is one JSON object with each case's mean.
/// </summary>
public static class MicroCommand
{
    public static Command Create()
    {
        var filter = new Option<string>("--filter") { Description = "Only the benchmarks whose full name matches this glob (e.g. '*Mesh*').", DefaultValueFactory = _ => "*" };
        var quick = new Option<bool>("--quick") { Description = "BenchmarkDotNet's short run: fewer iterations, wider error bars." };
        var command = new Command("micro", "Micro-benchmarks of the protocol core (BenchmarkDotNet).") { filter, quick };
        command.SetAction(parse => Execute(parse.GetRequiredValue(filter), parse.GetValue(quick)));
        return command;
    }

    private static int Execute(string filter, bool quick)
    {
        var job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance
            .AddJob(job)
            .AddFilter(new GlobFilter([filter]))
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "orleansgossip-micro"));

        var summaries = BenchmarkRunner.Run([typeof(MeshBenchmarks)], config);
        var cases = summaries
            .SelectMany(summary => summary.Reports)
            .Select(report => new MicroCase(
                $"{report.BenchmarkCase.Descriptor.Type.Name}.{report.BenchmarkCase.Descriptor.WorkloadMethod.Name}",
                report.BenchmarkCase.Parameters.DisplayInfo,
                BenchmarkOutput.Round(report.ResultStatistics?.Mean ?? double.NaN),
                BenchmarkOutput.Round(report.ResultStatistics?.StandardError ?? double.NaN),
                report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } bytes ? bytes : null))
            .ToList();
        if (cases.Count == 0)
        {
            Console.Error.WriteLine($"error: no benchmark matches '{filter}'");
            return 2;
        }

        BenchmarkOutput.Result(new MicroResult { Cases = cases });
        return cases.Any(c => double.IsNaN(c.MeanNanoseconds)) ? 1 : 0;
    }
}
