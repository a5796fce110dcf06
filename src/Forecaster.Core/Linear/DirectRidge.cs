namespace Forecaster.Core.Linear;

/// <summary>
/// A direct multi-step linear autoregression in log space, one ridge regression per step. For the window ending
/// at observation e, step k forecasts <c>ln v[e] + β_k·x(e, k)</c> with the inputs x of <see cref="Shape"/>. Zero
/// coefficients forecast "no change"; a coefficient of one on a season's latest anchor is seasonal naive; the fit
/// finds the blend and the local dynamics the data supports, with the penalty chosen on windows it was not fitted on.
/// </summary>
public sealed class DirectRidge
{
    private readonly double[] _coefficients;

    internal DirectRidge(LinearShape shape, int horizon, double penalty, double[] coefficients)
    {
        Shape = shape;
        Horizon = horizon;
        Penalty = penalty;
        _coefficients = coefficients;
        if (coefficients.Length != horizon * shape.FeatureCount)
        {
            throw new ArgumentException($"Expected {horizon * shape.FeatureCount} coefficients, got {coefficients.Length}.",
                nameof(coefficients));
        }
    }

    public LinearShape Shape { get; }

    public int Horizon { get; }

    /// <summary>The relative penalty chosen (a share of the inputs' mean square).</summary>
    public double Penalty { get; }

    /// <summary>Coefficients, step-major: [step][feature].</summary>
    public ReadOnlySpan<double> Coefficients => _coefficients;

    public int FirstEnd => Shape.FirstEnd;

    /// <summary>
    /// The forecast log levels of every step after <paramref name="end"/> into <paramref name="destination"/>; the inputs
    /// that do not move with the step are computed once.
    /// </summary>
    public void ForecastSteps(ReadOnlySpan<double> logs, int end, Span<double> destination)
    {
        var count = Shape.FeatureCount;
        Span<double> features = count <= 256 ? stackalloc double[count] : new double[count];
        Shape.WriteShared(logs, end, features);
        features[count - 1] = 1;
        var anchors = features[Shape.SharedCount..(count - 1)];
        for (var step = 1; step <= Horizon; step++)
        {
            Shape.WriteAnchors(logs, end, step, anchors);
            destination[step - 1] = logs[end] + Dot(_coefficients.AsSpan((step - 1) * count, count), features);
        }
    }

    private static double Dot(ReadOnlySpan<double> row, ReadOnlySpan<double> features)
    {
        var sum = 0.0;
        for (var f = 0; f < features.Length; f++)
        {
            sum += row[f] * features[f];
        }

        return sum;
    }
}
