using Forecaster.Core.Rnn;

namespace Forecaster.Core.Tests.Rnn;

/// <summary>A random but reproducible network, batch of windows and targets, in double and float.</summary>
internal sealed class RnnProblem
{
    public RnnProblem(RnnShape shape, int window, int batch, int seed, double weightScale = 0.5)
    {
        Shape = shape;
        Window = window;
        Batch = batch;
        var random = new Random(seed);
        // Weights scaled by 1/sqrt(H) keep the recurrence away from saturation, so gradients stay informative.
        Parameters = Uniform(random, shape.ParameterCount, weightScale / Math.Sqrt(shape.HiddenSize) + 0.1);
        Inputs = Uniform(random, batch * window * shape.InputSize, 1.5);
        Targets = Uniform(random, batch * shape.Horizon, 1.0);
    }

    public RnnShape Shape { get; }

    public int Window { get; }

    public int Batch { get; }

    public double[] Parameters { get; }

    public double[] Inputs { get; }

    public double[] Targets { get; }

    public static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);

    private static double[] Uniform(Random random, int count, double scale)
    {
        var values = new double[count];
        for (int n = 0; n < count; n++)
        {
            // Rounded through float so the float kernel and the double reference see identical numbers.
            values[n] = (float)(((random.NextDouble() * 2) - 1) * scale);
        }

        return values;
    }
}
