using Orleans.Concurrency;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Engine;

/// <summary>
/// One silo's part of the virtual-time engine, keyed by the silo's address (<c>SiloAddress.ToParsableString()</c>) and
/// activated on that silo only: a run's coordinator asks it to take its nodes of a subnet through one window.
/// </summary>
public interface IEngineGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes this silo's nodes of <paramref name="subnet"/> in run <paramref name="runId"/> through the window
    /// [<paramref name="startTicks"/>, <paramref name="endTicks"/>) and hands what they sent to nodes on other silos
    /// to those nodes before it answers.
    /// </summary>
    [AlwaysInterleave]
    Task<WindowOutcome> RunWindowAsync(string runId, SubnetId subnet, long startTicks, long endTicks);
}
