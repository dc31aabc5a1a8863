using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Grains.Runs;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>
/// A warm-up run puts what a run would send between silos or store through the silo's serializer, so that a silo that
/// warmed up alone has its codecs compiled; a measured run does not.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WarmUpWireTests(WarmUpWireTests.OneSilo fixture) : IClassFixture<WarmUpWireTests.OneSilo>
{
    [Fact]
    public async Task A_warm_up_run_takes_its_batches_and_stores_through_the_serializer_and_still_delivers_everything()
    {
        var wire = fixture.Cluster.Silos.Cast<InProcessSiloHandle>().Single().SiloHost.Services.GetRequiredService<WarmUpWire>();
        var grains = fixture.Cluster.GrainFactory;
        var scenario = TestScenarios.Traffic(GossipProtocol.AdvertGossip);
        var nodes = scenario.Subnets.Sum(s => s.Nodes);

        await grains.RunToCompletionAsync(TestRuns.NewId("measured"), scenario);
        Assert.Equal(0, wire.RoundTrips);

        var warmUpId = TestRuns.NewId("warm-up");
        await grains.GetGrain<IRunGrain>(warmUpId).StartAsync(scenario, RunKind.WarmUp);
        var warmUp = await grains.CompletionAsync(warmUpId);

        Assert.True(wire.Batches > nodes, $"the warm-up's nodes took {wire.Batches} batches through the serializer");
        // Besides its batches, each node's configuration and the run's record, at least once.
        Assert.True(wire.RoundTrips - wire.Batches > nodes, $"{wire.RoundTrips - wire.Batches} configurations and records went through");
        Assert.All(warmUp.Subnets, s => Assert.All(s.Kinds, k => Assert.Equal(1, k.DeliveryRatio)));
        // What it sends to other silos once over: a batch of each kind of message advert gossip sends.
        var kinds = wire.Samples.SelectMany(b => b.Envelopes).Select(e => e.Message.GetType()).ToHashSet();
        Assert.Superset(new HashSet<Type> { typeof(AdvertMessage), typeof(ArtifactRequest), typeof(ArtifactTransfer) }, kinds);
        Assert.True(wire.Samples.Count <= kinds.Count, $"{wire.Samples.Count} samples for {kinds.Count} kinds of message");
    }

    [Fact]
    public void Batches_stop_going_through_once_the_budget_is_spent_and_keep_what_they_carried()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var wire = new WarmUpWire(serializer, batchBudget: 2);
        var batch = new MessageBatch([new Envelope(new("node-1"), RetransmissionRequest.Instance)], Downloaded: true, [new DueRun(42, 1)]);

        Assert.True(wire.TakesBatches);
        var back = wire.RoundTripBatch(batch);
        Assert.Equal(batch.Envelopes, back.Envelopes);
        Assert.Equal(batch.Dues, back.Dues);
        Assert.True(back.Downloaded);
        Assert.True(wire.TakesBatches);
        wire.RoundTripBatch(batch);
        Assert.False(wire.TakesBatches);
        Assert.Equal(2, wire.Batches);
    }

    [Fact]
    public void The_samples_to_send_across_are_the_first_batch_that_carried_each_kind_of_message()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var wire = new WarmUpWire(serializer);
        var id = ArtifactId.For(ArtifactKind.Ingress, 0, "node-1", 1);
        var from = new NodeId("node-1");
        var request = new MessageBatch([new Envelope(from, new ArtifactRequest(id, Priority.Fetch))]);
        var mixed = new MessageBatch([new Envelope(from, new ArtifactRequest(id, Priority.Fetch)), new Envelope(from, RetransmissionRequest.Instance)]);

        wire.RoundTripBatch(request);
        wire.RoundTripBatch(request);
        wire.RoundTripBatch(mixed);
        wire.RoundTripBatch(mixed);

        Assert.Equal(2, wire.Samples.Count);
        Assert.Equal(
            [typeof(ArtifactRequest), typeof(ArtifactRequest), typeof(RetransmissionRequest)],
            wire.Samples.SelectMany(b => b.Envelopes).Select(e => e.Message.GetType()).OrderBy(t => t.Name));
    }

    /// <summary>A silo of its own, so that what other tests' warm-ups put through does not count here.</summary>
    public sealed class OneSilo() : DedicatedCluster<EmulatorSiloConfigurator>(1);
}
