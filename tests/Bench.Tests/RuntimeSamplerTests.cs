using System.Reflection.Emit;
using OrleansGossip.Benchmarks;
using Xunit;

namespace OrleansGossip.Bench.Tests;

public sealed class RuntimeSamplerTests
{
    [Fact]
    public void A_sample_counts_the_methods_the_runtime_compiled_while_it_measured()
    {
        using var sampler = new RuntimeSampler();
        sampler.Start();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(i, CompileNewMethod(i)());
        }

        var sample = sampler.Stop();

        Assert.True(sample.MethodsCompiled >= 10, $"{sample.MethodsCompiled} methods compiled");
        Assert.True(sample.CompilingMs > 0, $"{sample.CompilingMs} ms compiling");
    }

    /// <summary>A method no one has called before, which the runtime compiles on its first call.</summary>
    private static Func<int> CompileNewMethod(int answer)
    {
        var method = new DynamicMethod($"Answer{answer}", typeof(int), Type.EmptyTypes);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldc_I4, answer);
        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<Func<int>>();
    }
}
