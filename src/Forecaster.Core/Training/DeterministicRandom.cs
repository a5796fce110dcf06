namespace Forecaster.Core.Training;

/// <summary>
/// SplitMix64: tiny, fast and specified bit for bit, so a seed reproduces the same initial weights and
/// batch order on every runtime version (System.Random's seeded sequence is not a documented contract).
/// </summary>
internal sealed class DeterministicRandom(int seed)
{
    private ulong _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, exclusiveBound); the modulo bias is below 2^-40 for any int bound.</summary>
    public int NextInt(int exclusiveBound) => (int)(NextUInt64() % (ulong)exclusiveBound);

    /// <summary>Fisher–Yates, in place.</summary>
    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
