using Xunit;

namespace Forecaster.Core.Tests.Support;

/// <summary>Compares a checked-in model file's forecast with the numbers it forecast when it was written.</summary>
internal static class FrozenForecast
{
    // The expected numbers went through the float32 network kernel; a later kernel may round differently in the last bits.
    private const double RelativeTolerance = 1e-5;

    public static void AssertClose(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(actual[k] - expected[k]) <= RelativeTolerance * Math.Abs(expected[k]),
                $"step {k + 1}: expected {expected[k]:R}, got {actual[k]:R}");
        }
    }
}
