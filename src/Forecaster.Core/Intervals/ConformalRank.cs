namespace Forecaster.Core.Intervals;

/// <summary>The rank arithmetic both conformal fits share.</summary>
internal static class ConformalRank
{
    /// <summary>⌈<paramref name="rank"/>⌉ of a rank computed in floating point.</summary>
    /// <remarks>The small slack keeps products like 10 × 0.8 = 8.000000000000002 from skipping a rank.</remarks>
    public static int Ceiling(double rank) => (int)Math.Ceiling(rank - 1e-9);
}
