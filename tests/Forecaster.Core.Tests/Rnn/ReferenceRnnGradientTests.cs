using Forecaster.Core.Rnn;
using Xunit;

namespace Forecaster.Core.Tests.Rnn;

/// <summary>The reference's BPTT against central finite differences, element by element, in double precision.</summary>
public sealed class ReferenceRnnGradientTests
{
    private const int Window = 12;
    private const double HuberDelta = 0.3;
    private static readonly RnnShape Shape = new(inputSize: 2, hiddenSize: 5, horizon: 3);

    [Theory]
    [InlineData(LossKind.MeanSquaredError)]
    [InlineData(LossKind.Huber)]
    public void Full_bptt_gradient_equals_finite_differences_for_every_parameter(LossKind loss)
    {
        var problem = new RnnProblem(Shape, Window, batch: 3, seed: 7, weightScale: 1.5);
        var gradient = new double[Shape.ParameterCount];
        ReferenceRnn.LossAndGradient(Shape, Window, problem.Parameters, problem.Inputs, problem.Targets, 3, gradient, loss, HuberDelta);

        var numeric = FiniteDifferences(problem.Parameters, p => ReferenceRnn.LossAndGradient(Shape, Window, p, problem.Inputs,
            problem.Targets, 3, new double[Shape.ParameterCount], loss, HuberDelta));

        AssertEqualGradients(numeric, gradient);
        if (loss == LossKind.Huber)
        {
            AssertBothHuberRegimesOccur(problem);
        }
    }

    /// <summary>
    /// Truncated BPTT is the exact gradient of a loss in which the state entering the last t steps is a
    /// constant: the first Window − t steps run with the parameters held at their current value and only the
    /// last t steps and the head see the perturbation.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(11)]
    public void Truncated_gradient_equals_finite_differences_of_the_detached_loss(int truncation)
    {
        var problem = new RnnProblem(Shape, Window, batch: 3, seed: 11, weightScale: 1.5);
        var gradient = new double[Shape.ParameterCount];
        ReferenceRnn.LossAndGradient(Shape, Window, problem.Parameters, problem.Inputs, problem.Targets, 3, gradient,
            truncation: truncation);

        var numeric = FiniteDifferences(problem.Parameters, p => DetachedLoss(problem, p, Window - truncation));

        AssertEqualGradients(numeric, gradient);
    }

    [Fact]
    public void Truncation_over_the_whole_window_is_full_bptt_and_shorter_truncation_changes_only_the_recurrent_part()
    {
        var problem = new RnnProblem(Shape, Window, batch: 3, seed: 3, weightScale: 1.5);
        var full = Gradient(problem, truncation: 0);
        var whole = Gradient(problem, truncation: Window);
        var truncated = Gradient(problem, truncation: 3);

        Assert.Equal(full, whole);
        int head = Shape.OutputWeightsOffset;
        Assert.Equal(full[head..], truncated[head..]);
        for (int offset = 0; offset < head; offset += Shape.HiddenSize)
        {
            // Every tensor before the head (W_x, W_h, b) loses the contributions of the early steps.
            Assert.NotEqual(full[offset..(offset + Shape.HiddenSize)], truncated[offset..(offset + Shape.HiddenSize)]);
        }
    }

    private static double[] Gradient(RnnProblem problem, int truncation)
    {
        var gradient = new double[Shape.ParameterCount];
        ReferenceRnn.LossAndGradient(Shape, Window, problem.Parameters, problem.Inputs, problem.Targets, problem.Batch,
            gradient, truncation: truncation);
        return gradient;
    }

    private static double[] FiniteDifferences(double[] parameters, Func<double[], double> loss)
    {
        const double step = 1e-5;
        var numeric = new double[parameters.Length];
        for (int n = 0; n < parameters.Length; n++)
        {
            var plus = (double[])parameters.Clone();
            var minus = (double[])parameters.Clone();
            plus[n] += step;
            minus[n] -= step;
            numeric[n] = (loss(plus) - loss(minus)) / (2 * step);
        }

        return numeric;
    }

    /// <summary>MSE with the first <paramref name="frozenSteps"/> steps run on the unperturbed parameters.</summary>
    private static double DetachedLoss(RnnProblem problem, double[] parameters, int frozenSteps)
    {
        int hidden = Shape.HiddenSize, inputSize = Shape.InputSize, horizon = Shape.Horizon;
        double total = 0;
        for (int b = 0; b < problem.Batch; b++)
        {
            var state = new double[hidden];
            for (int step = 0; step < Window; step++)
            {
                var weights = step < frozenSteps ? problem.Parameters : parameters;
                var next = new double[hidden];
                for (int j = 0; j < hidden; j++)
                {
                    double sum = weights[Shape.HiddenBiasOffset + j];
                    for (int i = 0; i < inputSize; i++)
                    {
                        sum += weights[Shape.InputWeightsOffset + (j * inputSize) + i]
                            * problem.Inputs[(((b * Window) + step) * inputSize) + i];
                    }

                    for (int k = 0; k < hidden; k++)
                    {
                        sum += weights[Shape.RecurrentWeightsOffset + (j * hidden) + k] * state[k];
                    }

                    next[j] = Math.Tanh(sum);
                }

                state = next;
            }

            for (int k = 0; k < horizon; k++)
            {
                double output = parameters[Shape.OutputBiasOffset + k];
                for (int j = 0; j < hidden; j++)
                {
                    output += parameters[Shape.OutputWeightsOffset + (k * hidden) + j] * state[j];
                }

                double difference = output - problem.Targets[(b * horizon) + k];
                total += difference * difference;
            }
        }

        return total / (problem.Batch * horizon);
    }

    private static void AssertEqualGradients(double[] numeric, double[] analytic)
    {
        // Elements far below the tensor's scale are compared against 1 % of that scale instead of themselves.
        double floor = 1e-2 * analytic.Max(Math.Abs);
        for (int n = 0; n < analytic.Length; n++)
        {
            double error = Math.Abs(numeric[n] - analytic[n]) / Math.Max(Math.Abs(analytic[n]), floor);
            Assert.True(error <= 1e-6, $"parameter {n}: finite difference {numeric[n]}, BPTT {analytic[n]}, relative error {error:E2}");
        }
    }

    private static void AssertBothHuberRegimesOccur(RnnProblem problem)
    {
        var outputs = new double[problem.Targets.Length];
        ReferenceRnn.Predict(Shape, Window, problem.Parameters, problem.Inputs, problem.Batch, outputs);
        var differences = outputs.Zip(problem.Targets, (o, t) => Math.Abs(o - t)).ToArray();
        Assert.Contains(differences, d => d < HuberDelta);
        Assert.Contains(differences, d => d > HuberDelta);
    }
}
