using Forecaster.Core.Models;

namespace Forecaster.Core.Tests.Support;

/// <summary>Bit-for-bit equality of every point and interval bound.</summary>
internal sealed class ForecastComparer : IEqualityComparer<SeriesForecast>
{
    public static ForecastComparer Bitwise { get; } = new();

    public bool Equals(SeriesForecast? x, SeriesForecast? y) =>
        x is not null && y is not null
        && Same(x.Values, y.Values)
        && x.Intervals.Count == y.Intervals.Count
        && x.Intervals.Zip(y.Intervals)
            .All(p => p.First.Level.Equals(p.Second.Level) && Same(p.First.Lower, p.Second.Lower) && Same(p.First.Upper, p.Second.Upper));

    public int GetHashCode(SeriesForecast obj) => obj.Values.Count;

    private static bool Same(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        a.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.Select(BitConverter.DoubleToInt64Bits));
}
