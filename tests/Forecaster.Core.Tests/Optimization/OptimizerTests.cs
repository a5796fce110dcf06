using Forecaster.Core.Optimization;
using Xunit;

namespace Forecaster.Core.Tests.Optimization;

/// <summary>Expected values were produced by PyTorch 1.13 (torch.optim.Adam / SGD, clip_grad_norm_) on the same inputs.</summary>
public sealed class OptimizerTests
{
    private const float Tolerance = 1e-6f;

    [Fact]
    public void Adam_matches_pytorch_including_bias_correction()
    {
        float[] parameters = [1f, -2f];
        var adam = new AdamOptimizer(2, learningRate: 0.1f);

        adam.Step(parameters, [0.5f, 3f]);
        AssertClose([0.90000004f, -2.0999999f], parameters);
        adam.Step(parameters, [-1f, 3f]);
        AssertClose([0.9366104f, -2.1999998f], parameters);
        adam.Step(parameters, [0.25f, -0.5f]);
        AssertClose([0.9502795f, -2.2692857f], parameters);
    }

    [Fact]
    public void Adam_reset_starts_over()
    {
        float[] parameters = [1f, -2f];
        var adam = new AdamOptimizer(2, learningRate: 0.1f);
        adam.Step(parameters, [-1f, 3f]);
        adam.Reset();
        parameters = [1f, -2f];

        adam.Step(parameters, [0.5f, 3f]);

        AssertClose([0.90000004f, -2.0999999f], parameters);
    }

    [Fact]
    public void Sgd_with_momentum_matches_pytorch()
    {
        float[] parameters = [1f, -2f];
        var sgd = new SgdOptimizer(2, learningRate: 0.1f, momentum: 0.9f);

        sgd.Step(parameters, [1f, -0.5f]);
        AssertClose([0.9f, -1.95f], parameters);
        sgd.Step(parameters, [2f, 0.5f]);
        AssertClose([0.61f, -1.955f], parameters);
        sgd.Step(parameters, [-1f, 0f]);
        AssertClose([0.449f, -1.9595f], parameters);
    }

    [Fact]
    public void Sgd_without_momentum_is_plain_gradient_descent()
    {
        float[] parameters = [1f];
        var sgd = new SgdOptimizer(1, learningRate: 0.5f);

        sgd.Step(parameters, [1f]);
        sgd.Step(parameters, [1f]);

        AssertClose([0f], parameters);
    }

    [Fact]
    public void Clipping_scales_a_long_gradient_down_to_the_limit_and_returns_its_norm()
    {
        float[] gradient = [3f, 4f];

        float norm = GradientClipping.ClipByNorm(gradient, 1f);

        Assert.Equal(5f, norm);
        AssertClose([0.6f, 0.8f], gradient);
    }

    [Fact]
    public void Clipping_leaves_a_short_gradient_alone()
    {
        float[] gradient = [0.3f, -0.4f];

        float norm = GradientClipping.ClipByNorm(gradient, 1f);

        Assert.Equal(0.5f, norm, 6);
        Assert.Equal([0.3f, -0.4f], gradient);
    }

    [Fact]
    public void Invalid_settings_and_lengths_are_rejected_with_the_argument_named()
    {
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptimizer(2, learningRate: 0f)).ParamName);
        Assert.Equal("beta2", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptimizer(2, beta2: 1f)).ParamName);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptimizer(2, 0.1f, momentum: -0.1f)).ParamName);
        Assert.Equal("parameterCount", Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptimizer(0, 0.1f)).ParamName);
        Assert.Equal("maxNorm", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByNorm(new float[2], 0f)).ParamName);
        var adam = new AdamOptimizer(2);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => adam.Step(new float[2], new float[3])).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => adam.Step(new float[1], new float[2])).ParamName);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int n = 0; n < expected.Length; n++)
        {
            Assert.True(Math.Abs(expected[n] - actual[n]) <= Tolerance, $"[{n}]: expected {expected[n]}, got {actual[n]}");
        }
    }
}
