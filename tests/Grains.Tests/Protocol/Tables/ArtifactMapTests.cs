using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Grains.Protocol.Tables;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol.Tables;

public sealed class ArtifactMapTests
{
    [Fact]
    public void It_keeps_what_a_dictionary_keeps_through_growth()
    {
        var random = new Random(7);
        var map = new ArtifactMap<int>();
        var expected = new Dictionary<ArtifactId, int>();
        for (var i = 0; i < 20_000; i++)
        {
            // Ids repeat now and then, so that adding finds what is there as well as what is not.
            var id = i % 5 == 4 ? expected.Keys.ElementAt(random.Next(expected.Count)) : RandomId(random);
            ref var value = ref map.GetValueRefOrAddDefault(id, out var existed);
            Assert.Equal(expected.ContainsKey(id), existed);
            value += i;
            expected[id] = expected.GetValueOrDefault(id) + i;
        }

        Assert.Equal(expected.Count, map.Count);
        foreach (var (id, value) in expected)
        {
            Assert.True(map.ContainsKey(id));
            Assert.Equal(value, map.GetValueOrDefault(id));
        }

        Assert.False(map.ContainsKey(RandomId(random)));
        Assert.Equal(expected.OrderBy(p => p.Key.ToString()), Enumerate(map).OrderBy(p => p.Key.ToString()));
    }

    [Fact]
    public void The_all_zero_id_is_an_artifact_like_any_other()
    {
        var map = new ArtifactMap<int>();
        Assert.False(map.ContainsKey(default));

        map.GetValueRefOrAddDefault(default, out var existed) = 5;
        Assert.False(existed);
        map.GetValueRefOrAddDefault(new ArtifactId(new Hash128(0, 1)), out _) = 6;
        map.GetValueRefOrAddDefault(default, out existed)++;

        Assert.True(existed);
        Assert.Equal(2, map.Count);
        Assert.Equal(6, map.GetValueOrDefault(default));
        Assert.Equal([0UL, 1UL], Enumerate(map).Select(p => p.Key.Hash.Low).Order());
    }

    [Fact]
    public void Ids_that_differ_in_one_half_only_are_told_apart()
    {
        var map = new ArtifactMap<long>();
        for (var i = 1UL; i <= 1_000; i++)
        {
            map.GetValueRefOrAddDefault(new ArtifactId(new Hash128(i, 0)), out _) = (long)i;
            map.GetValueRefOrAddDefault(new ArtifactId(new Hash128(0, i)), out _) = -(long)i;
        }

        Assert.Equal(2_000, map.Count);
        Assert.Equal(500, map.GetValueOrDefault(new ArtifactId(new Hash128(500, 0))));
        Assert.Equal(-500, map.GetValueOrDefault(new ArtifactId(new Hash128(0, 500))));
        Assert.Equal(0, map.GetValueOrDefault(new ArtifactId(new Hash128(500, 500))));
    }

    [Fact]
    public void A_set_adds_each_artifact_once()
    {
        var set = new ArtifactSet();
        var ids = Enumerable.Range(1, 100).Select(i => new ArtifactId(new Hash128((ulong)i, (ulong)i))).ToArray();

        Assert.True(set.Add(ids[0]));
        Assert.False(set.Add(ids[0]));
        set.UnionWith(ids);

        Assert.Equal(100, set.Count);
        Assert.All(ids, id => Assert.True(set.Contains(id)));
        Assert.False(set.Contains(new ArtifactId(new Hash128(101, 101))));
    }

    private static ArtifactId RandomId(Random random) =>
        new(new Hash128((ulong)random.NextInt64(), (ulong)random.NextInt64()));

    private static List<KeyValuePair<ArtifactId, TValue>> Enumerate<TValue>(ArtifactMap<TValue> map)
        where TValue : unmanaged
    {
        var pairs = new List<KeyValuePair<ArtifactId, TValue>>();
        foreach (var pair in map)
        {
            pairs.Add(pair);
        }

        return pairs;
    }
}
