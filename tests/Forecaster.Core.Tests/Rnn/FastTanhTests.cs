using Forecaster.Core.Rnn;
using Xunit;

namespace Forecaster.Core.Tests.Rnn;

/// <summary>The kernel's in-register tanh, observed through a one-unit network whose forecast is tanh(x).</summary>
public sealed class FastTanhTests
{
    private const double Tolerance = 1e-6;

    [Theory]
    [MemberData(nameof(SimdWidthNames.All), MemberType = typeof(SimdWidthNames))]
    public void Tanh_is_within_tolerance_over_the_whole_range(SimdWidthName width)
    {
        // Step 1/1024 from −12 to 12 covers the rational fit, the clamp and the saturated tails.
        var xs = Enumerable.Range(-12 * 1024, (24 * 1024) + 1).Select(n => n / 1024f).ToArray();
        var shape = new RnnShape(1, 1, 1);
        float[] identityThroughTanh = [1f, 0f, 0f, 1f, 0f]; // W_x, W_h, b, W_y, b_y
        var kernel = new RnnTrainingKernel(shape, 1, xs.Length, LossKind.MeanSquaredError, 1f, 0, width.ToWidth());
        var outputs = new float[xs.Length];

        kernel.Predict(identityThroughTanh, xs, xs.Length, outputs);

        for (int n = 0; n < xs.Length; n++)
        {
            double error = Math.Abs(Math.Tanh(xs[n]) - outputs[n]);
            Assert.True(error <= Tolerance, $"tanh({xs[n]}) = {Math.Tanh(xs[n])}, got {outputs[n]} (error {error:E2})");
        }
    }
}
