using System.Globalization;

namespace Forecaster.Core.Tests.Support;

/// <summary>Real series copied into TestData (see its README) and seeded synthetic ones.</summary>
internal static class TestSeries
{
    public static double[] MsftDaily() => Load("msft_daily_short.csv");

    public static double[] GoogMonthly() => Load("goog_monthly.csv");

    /// <summary>Positive trend plus a 25-step sine plus Gaussian noise: learnable from a 32-step window.</summary>
    public static double[] NoisySineWithTrend(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var t = 0; t < count; t++)
        {
            values[t] = 100 + (0.02 * t) + (10 * Math.Sin(2 * Math.PI * t / 25)) + (0.5 * Gaussian(random));
        }

        return values;
    }

    /// <summary>Geometric random walk with Gaussian log returns of std <paramref name="sigma"/>: naive is optimal.</summary>
    public static double[] RandomWalk(int count, double sigma, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        var level = Math.Log(100);
        for (var t = 0; t < count; t++)
        {
            level += sigma * Gaussian(random);
            values[t] = Math.Exp(level);
        }

        return values;
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double[] Load(string file) =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", file))
            .Skip(1)
            .Select(line => double.Parse(line.Split(',')[1], CultureInfo.InvariantCulture))];
}
