using CaseGrid.Grains.Cases;

namespace CaseGrid.Grains.Tests;

/// <summary>The small map a case keeps what it last sent in: a dictionary's behaviour for a handful of keys.</summary>
public sealed class SmallMapTests
{
    [Fact]
    public void BehavesAsADictionary_ThroughSetsRemovalsAndGrowth()
    {
        var map = new SmallMap<long>();
        var model = new Dictionary<string, long>(StringComparer.Ordinal);
        var random = new Random(7);
        for (var step = 0; step < 2_000; step++)
        {
            var key = $"unit-{random.Next(12)}";
            switch (random.Next(5))
            {
                case 0:
                    map.Remove(key);
                    model.Remove(key);
                    break;
                case 1 when step % 400 == 0:
                    map.Clear();
                    model.Clear();
                    break;
                default:
                    var value = random.NextInt64();
                    map.Set(key, value);
                    model[key] = value;
                    break;
            }

            Assert.Equal(model.Count, map.Count);
            Assert.Equal(model.Keys.Order(StringComparer.Ordinal), map.Keys.Order(StringComparer.Ordinal));
            Assert.All(model, kv => Assert.Equal(kv.Value, map[kv.Key]));
            Assert.Equal(model.ContainsKey("unit-x"), map.TryGetValue("unit-x", out _));
        }
    }

    [Fact]
    public void AMissingKey_IsNotFound()
    {
        var map = new SmallMap<ulong?>();
        map.Set("a", null);

        Assert.True(map.TryGetValue("a", out var held));
        Assert.Null(held);
        Assert.False(map.TryGetValue("b", out _));
        Assert.Throws<KeyNotFoundException>(() => map["b"]);
    }
}
