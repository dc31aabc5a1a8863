using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// The scenario's traffic, drawn from its seed alone, so that a file and a seed always give the same artifacts
/// at the same emulated times and nodes: ingress at exponential intervals entering at random honest nodes, and
/// one block per interval made by the honest nodes in turn, at increasing heights.
/// </summary>
public sealed class WorkloadGenerator
{
    /// <summary>An ingress message expires five minutes after it enters, as on the IC.</summary>
    public const double IngressExpiryMs = 5 * 60 * 1000;

    /// <summary>The deviation of the logarithm of lognormal ingress sizes.</summary>
    public const double LognormalSigma = 1.0;

    private readonly ScenarioSpec _scenario;
    private readonly SubnetStream[] _subnets;

    public WorkloadGenerator(ScenarioSpec scenario, IReadOnlyList<SubnetPlan> subnets)
    {
        _scenario = scenario;
        _subnets = subnets.Select((plan, index) => new SubnetStream(plan, index, scenario)).ToArray();
    }

    public double DurationMs => _scenario.DurationSeconds * 1000;

    /// <summary>The artifacts of subnet <paramref name="subnet"/> due before <paramref name="untilMs"/> (and within the scenario), in time order.</summary>
    public List<PlannedArtifact> TakeDue(int subnet, double untilMs)
    {
        var due = new List<PlannedArtifact>();
        _subnets[subnet].TakeDue(untilMs, DurationMs, due);
        due.Sort((a, b) => a.AtMs.CompareTo(b.AtMs));
        return due;
    }

    /// <summary>Draws and drops every subnet's artifacts due before <paramref name="untilMs"/>: a run resumed from a checkpoint made them already.</summary>
    public void Skip(double untilMs)
    {
        for (var subnet = 0; subnet < _subnets.Length; subnet++)
        {
            TakeDue(subnet, untilMs);
        }
    }

    /// <summary>When subnet <paramref name="subnet"/>'s next artifact is due; null when its workload is over.</summary>
    public double? NextAtMs(int subnet)
    {
        var next = _subnets[subnet].NextAtMs;
        return next <= DurationMs ? next : null;
    }

    private sealed class SubnetStream
    {
        private readonly int _index;
        private readonly Random _random;

        /// <summary>Blocks draw from a stream of their own, so that how ticks interleave them with ingress cannot change either.</summary>
        private readonly Random _blockRandom;
        private readonly IngressSpec? _ingress;
        private readonly BlockSpec? _blocks;
        private readonly IReadOnlyList<Abstractions.Registry.NodeId> _honest;
        private double _nextIngressMs;
        private long _ingressSequence;
        private long _height;

        public SubnetStream(SubnetPlan plan, int index, ScenarioSpec scenario)
        {
            _index = index;
            _random = new Random(unchecked((int)(scenario.Seed * 0x9E3779B97F4A7C15UL >> 32) ^ (index * 7919)));
            _blockRandom = new Random(unchecked((int)(scenario.Seed * 0xC2B2AE3D27D4EB4FUL >> 32) ^ (index * 7919)));
            _ingress = scenario.Workload?.Ingress is { RatePerSecond: > 0 } ingress ? ingress : null;
            _blocks = scenario.Workload?.Blocks;
            _honest = plan.HonestNodes.ToList();
            _nextIngressMs = _ingress is null ? double.PositiveInfinity : NextGapMs();
        }

        public double NextAtMs => Math.Min(_nextIngressMs, _blocks is null ? double.PositiveInfinity : (_height + 1) * _blocks.IntervalSeconds * 1000);

        public void TakeDue(double untilMs, double durationMs, List<PlannedArtifact> due)
        {
            while (_nextIngressMs < untilMs && _nextIngressMs <= durationMs)
            {
                var at = _nextIngressMs;
                var node = _honest[_random.Next(_honest.Count)];
                var body = ArtifactBody.Synthetic(NextIngressSize(), (ulong)_random.NextInt64());
                var artifact = Artifact.Create(ArtifactKind.Ingress, (long)(at + IngressExpiryMs), node.Value, ++_ingressSequence, body);
                due.Add(new PlannedArtifact(at, _index, node, artifact));
                _nextIngressMs += NextGapMs();
            }

            while (_blocks is not null && (_height + 1) * _blocks.IntervalSeconds * 1000 is var next && next < untilMs && next <= durationMs)
            {
                _height++;
                var at = _height * _blocks.IntervalSeconds * 1000;
                var node = _honest[(int)((_height - 1) % _honest.Count)];
                var body = ArtifactBody.Synthetic(_blocks.SizeBytes, (ulong)_blockRandom.NextInt64());
                var artifact = Artifact.Create(ArtifactKind.BlockProposal, _height, node.Value, _height, body);
                due.Add(new PlannedArtifact(at, _index, node, artifact));
            }
        }

        /// <summary>
        /// An ingress size by the scenario's distribution: constant, uniform over [min, max], or lognormal with the
        /// given median and a log-deviation of 1 (a few messages far larger than most), clamped to [min, max].
        /// </summary>
        private int NextIngressSize()
        {
            var ingress = _ingress!;
            switch (ingress.Distribution)
            {
                case "uniform":
                    return _random.Next(ingress.MinBytes, ingress.MaxBytes + 1);
                case "lognormal":
                    var normal = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
                    var size = ingress.SizeBytes * Math.Exp(LognormalSigma * normal);
                    return (int)Math.Clamp(Math.Round(size), ingress.MinBytes, ingress.MaxBytes);
                default:
                    return ingress.SizeBytes;
            }
        }

        private double NextGapMs() => -Math.Log(1 - _random.NextDouble()) / _ingress!.RatePerSecond * 1000;
    }
}
