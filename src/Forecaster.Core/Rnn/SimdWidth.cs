using System.Runtime.Intrinsics;
using Forecaster.Core.Rnn.Simd;

namespace Forecaster.Core.Rnn;

internal enum SimdWidth
{
    Scalar,
    Vector128,
    Vector256,
    Vector512,
}

internal static class SimdWidths
{
    /// <summary>512 → 256 → 128 → scalar: the widest vectors this machine accelerates.</summary>
    public static SimdWidth Widest =>
        Vector512.IsHardwareAccelerated ? SimdWidth.Vector512
        : Vector256.IsHardwareAccelerated ? SimdWidth.Vector256
        : Vector128.IsHardwareAccelerated ? SimdWidth.Vector128
        : SimdWidth.Scalar;

    public static IRnnEngine CreateEngine(SimdWidth width, RnnShape shape, int window, int maxBatch,
        LossKind loss, float huberDelta, int trainedSteps) => width switch
        {
            SimdWidth.Vector512 => new RnnEngine<Lane512, Vector512<float>>(shape, window, maxBatch, loss, huberDelta, trainedSteps),
            SimdWidth.Vector256 => new RnnEngine<Lane256, Vector256<float>>(shape, window, maxBatch, loss, huberDelta, trainedSteps),
            SimdWidth.Vector128 => new RnnEngine<Lane128, Vector128<float>>(shape, window, maxBatch, loss, huberDelta, trainedSteps),
            SimdWidth.Scalar => new RnnEngine<ScalarLane, float>(shape, window, maxBatch, loss, huberDelta, trainedSteps),
            _ => throw new ArgumentOutOfRangeException(nameof(width), width, "Unknown SIMD width."),
        };
}
