using System.Text.Json.Nodes;
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

    [Fact]
    public void The_cpu_family_and_model_numbers_are_the_first_processors()
    {
        string[] cpuInfo =
        [
            "processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: 26", "model\t\t: 2", "model name\t: AMD EPYC", "",
            "processor\t: 1", "cpu family\t: 25", "model\t\t: 1",
        ];

        Assert.Equal("family 26, model 2", MachineInfo.CpuFamilyOf(cpuInfo));
        Assert.Equal("family 6", MachineInfo.CpuFamilyOf(["cpu family\t: 6"]));
        Assert.Null(MachineInfo.CpuFamilyOf(["processor\t: 0", "model name\t: Neoverse"]));
    }

    [Fact]
    public void The_spin_limit_is_the_environment_variables_first_then_the_runtime_configurations()
    {
        Assert.Equal(5, MachineInfo.SpinLimitOf("5", "0"));
        Assert.Equal(0, MachineInfo.SpinLimitOf(null, "0"));
        Assert.Equal(0, MachineInfo.SpinLimitOf("not a number", "0"));
        Assert.Null(MachineInfo.SpinLimitOf(null, null));
    }

    [Fact]
    public void The_benchmarks_run_the_silo_hosts_collector_and_thread_pool_settings()
    {
        var silo = ConfigProperties("OrleansGossip.Silo.runtimeconfig.json");
        var benchmarks = ConfigProperties("OrleansGossip.Benchmarks.runtimeconfig.json");
        string[] settings = ["System.GC.Server", "System.GC.Concurrent", "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"];
        foreach (var setting in settings)
        {
            Assert.Equal(silo[setting]?.ToJsonString(), benchmarks[setting]?.ToJsonString());
        }

        Assert.Equal("true", silo["System.GC.Server"]?.ToJsonString());
        Assert.Equal(0, MachineInfo.SpinLimitOf(null, silo["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]?.ToString()));
    }

    /// <summary>The runtime options a host built beside the tests starts with.</summary>
    private static JsonObject ConfigProperties(string runtimeConfig) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, runtimeConfig)))!["runtimeOptions"]!["configProperties"]!.AsObject();
}
