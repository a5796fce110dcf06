namespace Forecaster.Benchmarks;

/// <summary>Model sizes per config.</summary>
internal sealed record WorkloadConfig(int Window, int Hidden, int Horizon, int Batch)
{
    /// <summary>2·W·(H·1 + H·H) + 2·H·K, as REFERENCE.md counts a forward pass of one window.</summary>
    public long ForwardFlops => (2L * Window * (Hidden + ((long)Hidden * Hidden))) + (2L * Hidden * Horizon);
}

/// <summary>
/// The reference workload of /work/shared/bench/REFERENCE.md: a z-scored random walk plus a sine, and a bank
/// of 16 pre-built mini-batches of random windows, so the timed loop measures the engine only.
/// </summary>
internal static class Workload
{
    public static readonly IReadOnlyDictionary<string, WorkloadConfig> Configs = new Dictionary<string, WorkloadConfig>
    {
        ["S"] = new(32, 16, 1, 32),
        ["M"] = new(64, 32, 8, 64),
        ["L"] = new(128, 128, 24, 128),
    };

    public const int SeriesLength = 200_000;

    public const int BankSize = 16;

    public static float[] Series(int length, int seed)
    {
        var random = new Random(seed);
        var values = new double[length];
        double level = 0;
        for (int t = 0; t < length; t++)
        {
            level += Normal(random) * 0.01;
            values[t] = level + (0.5 * Math.Sin(2 * Math.PI * t / 50.0));
        }

        double mean = values.Average();
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (length - 1));
        return Array.ConvertAll(values, v => (float)((v - mean) / std));
    }

    /// <summary>Inputs [B][W][1] and targets [B][K] of one mini-batch of random windows.</summary>
    public static (float[] Inputs, float[] Targets)[] Batches(float[] series, WorkloadConfig config, int batch, int seed)
    {
        var random = new Random(seed + 1);
        int windows = series.Length - config.Window - config.Horizon + 1;
        var bank = new (float[], float[])[BankSize];
        for (int n = 0; n < BankSize; n++)
        {
            var inputs = new float[batch * config.Window];
            var targets = new float[batch * config.Horizon];
            for (int b = 0; b < batch; b++)
            {
                int start = random.Next(windows);
                series.AsSpan(start, config.Window).CopyTo(inputs.AsSpan(b * config.Window));
                series.AsSpan(start + config.Window, config.Horizon).CopyTo(targets.AsSpan(b * config.Horizon));
            }

            bank[n] = (inputs, targets);
        }

        return bank;
    }

    /// <summary>PyTorch's default initialization of nn.RNN and nn.Linear: U(−1/√H, 1/√H) for every parameter.</summary>
    public static float[] InitialParameters(int count, int hidden, int seed)
    {
        var random = new Random(seed + 2);
        float bound = 1f / MathF.Sqrt(hidden);
        var parameters = new float[count];
        for (int n = 0; n < count; n++)
        {
            parameters[n] = (float)(((random.NextDouble() * 2) - 1) * bound);
        }

        return parameters;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
