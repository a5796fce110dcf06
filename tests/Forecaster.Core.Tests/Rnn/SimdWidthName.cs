using Forecaster.Core.Rnn;
using Xunit;

namespace Forecaster.Core.Tests.Rnn;

/// <summary>Public mirror of the internal SIMD width, for theory data.</summary>
public enum SimdWidthName
{
    Scalar,
    Vector128,
    Vector256,
    Vector512,
}

internal static class SimdWidthNames
{
    /// <summary>Every width the kernel can be pinned to, whatever this CPU accelerates.</summary>
    public static TheoryData<SimdWidthName> All => new(Enum.GetValues<SimdWidthName>());

    public static SimdWidth ToWidth(this SimdWidthName width) => Enum.Parse<SimdWidth>(width.ToString());
}
