using OrleansGossip.Benchmarks;
using Xunit;

namespace OrleansGossip.Bench.Tests;

public sealed class MachineInfoTests
{
    [Fact]
    public void The_collector_is_named_by_the_library_the_runtime_loaded()
    {
        Assert.Equal("segments", MachineInfo.CollectorOf(["libcoreclr.so", "libclrgc.so", "libSystem.Native.so"]));
        Assert.Equal("segments", MachineInfo.CollectorOf(["coreclr.dll", "clrgc.dll"]));
        Assert.Equal("regions", MachineInfo.CollectorOf(["libcoreclr.so", "libSystem.Native.so"]));
        Assert.Equal("regions", MachineInfo.CollectorOf(["libcoreclr.so", "libclrgcexp.so"]));
    }

    [Fact]
    public void The_benchmarks_name_the_collector_they_run()
    {
        // The test host runs the runtime's default collector.
        Assert.Equal("regions", MachineInfo.Current().Collector);
    }
}
