using Forecaster.Core.Rnn;
using Xunit;

namespace Forecaster.Core.Tests.Rnn;

/// <summary>The fast float kernel against the double reference: loss, every gradient element, forecasts.</summary>
public sealed class RnnTrainingKernelAgreementTests
{
    // float32 accumulation over up to a few thousand terms plus the tanh approximation (~1e-6).
    private const double Tolerance = 2e-4;

    public static TheoryData<SimdWidthName, int> Shapes()
    {
        var data = new TheoryData<SimdWidthName, int>();
        // Every hidden size 1..40 crosses each tail of 4-, 8- and 16-float vectors and 2-vector tiles.
        foreach (var width in Enum.GetValues<SimdWidthName>())
        {
            for (int hidden = 1; hidden <= 40; hidden++)
            {
                data.Add(width, hidden);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fast_kernel_matches_reference(SimdWidthName simdWidth, int hidden)
    {
        var width = simdWidth.ToWidth();
        // Batches 1..13 cover every remainder of the 6-row tiles; inputs, horizons and windows vary alongside.
        int inputSize = 1 + (hidden % 3), horizon = 1 + (hidden % 5), batch = 1 + (hidden % 13), window = 3 + (hidden % 9);
        var shape = new RnnShape(inputSize, hidden, horizon);
        var problem = new RnnProblem(shape, window, batch, seed: hidden);
        foreach (var (loss, truncation) in new[] {
            (LossKind.MeanSquaredError, 0),
            (LossKind.Huber, 0),
            (LossKind.MeanSquaredError, Math.Max(1, window / 2)) })
        {
            var kernel = new RnnTrainingKernel(shape, window, maxBatch: batch + 3, loss, huberDelta: 0.3f, truncation, width);
            AssertAgreement(kernel, problem, loss, truncation);
        }
    }

    public static TheoryData<SimdWidthName, int, int, int> LargerProblems()
    {
        var data = new TheoryData<SimdWidthName, int, int, int>();
        foreach (var width in Enum.GetValues<SimdWidthName>())
        {
            data.Add(width, 3, 64, 40); // 2,560 delta rows: the weight gradients run over several L2-sized chunks
            data.Add(width, 128, 20, 13); // the L benchmark's hidden size: full 6×2 tiles over a deep product
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LargerProblems))]
    public void Fast_kernel_matches_reference_on_larger_problems(SimdWidthName simdWidth, int hidden, int window, int batch)
    {
        var shape = new RnnShape(1, hidden, 5);
        var problem = new RnnProblem(shape, window, batch, seed: hidden);
        var kernel = new RnnTrainingKernel(shape, window, batch, LossKind.MeanSquaredError, 1f, 0,
            simdWidth.ToWidth());
        AssertAgreement(kernel, problem, LossKind.MeanSquaredError, 0);
    }

    private static void AssertAgreement(RnnTrainingKernel kernel, RnnProblem problem, LossKind loss, int truncation)
    {
        var shape = problem.Shape;
        var expectedGradient = new double[shape.ParameterCount];
        double expectedLoss = ReferenceRnn.LossAndGradient(shape, problem.Window, problem.Parameters, problem.Inputs,
            problem.Targets, problem.Batch, expectedGradient, loss, 0.3, truncation);
        var expectedOutputs = new double[problem.Batch * shape.Horizon];
        ReferenceRnn.Predict(shape, problem.Window, problem.Parameters, problem.Inputs, problem.Batch, expectedOutputs);

        var parameters = RnnProblem.ToFloat(problem.Parameters);
        var inputs = RnnProblem.ToFloat(problem.Inputs);
        var targets = RnnProblem.ToFloat(problem.Targets);
        var gradient = new float[shape.ParameterCount];
        Array.Fill(gradient, float.NaN);
        float actualLoss = kernel.LossAndGradient(parameters, inputs, targets, problem.Batch, gradient);
        var outputs = new float[expectedOutputs.Length];
        kernel.Predict(parameters, inputs, problem.Batch, outputs);

        AssertClose(expectedLoss, actualLoss, expectedLoss, "loss");
        AssertClose(expectedLoss, kernel.Loss(parameters, inputs, targets, problem.Batch), expectedLoss, "loss without gradient");
        double gradientScale = expectedGradient.Max(Math.Abs);
        for (int n = 0; n < gradient.Length; n++)
        {
            AssertClose(expectedGradient[n], gradient[n], gradientScale, $"gradient[{n}]");
        }

        double outputScale = expectedOutputs.Max(Math.Abs);
        for (int n = 0; n < outputs.Length; n++)
        {
            AssertClose(expectedOutputs[n], outputs[n], outputScale, $"output[{n}]");
        }
    }

    /// <summary>Relative to the magnitude of the whole tensor, so tiny elements are not held to a float's last bits.</summary>
    private static void AssertClose(double expected, double actual, double scale, string what)
    {
        double error = Math.Abs(expected - actual) / Math.Max(Math.Abs(scale), 1e-12);
        Assert.True(error <= Tolerance, $"{what}: expected {expected}, got {actual} (relative error {error:E2})");
    }
}
