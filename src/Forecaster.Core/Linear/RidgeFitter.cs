namespace Forecaster.Core.Linear;

/// <summary>
/// Fits <see cref="DirectRidge"/> on the windows ending in [first, last]: each candidate penalty is fitted on the
/// earlier windows and scored on the later ones (a horizon apart, so no target is shared), the best one is then
/// refitted on all of them. Penalties are relative to the features' mean square, so they mean the same on any series.
/// </summary>
/// <remarks>
/// Only the seasons' anchors move with the step, so the normal equations are built in blocks: the products of the
/// step-independent inputs once per range, and per step only their products with the anchors. Every penalty is
/// solved from the same sums. On hourly data (48 steps, two seasons) that is several times less work than one
/// regression per step and penalty from scratch, and the linear base is fitted many times per series.
/// </remarks>
public static class RidgeFitter
{
    /// <summary>Share of the windows held back to choose the penalty.</summary>
    public const double HoldoutShare = 0.25;

    /// <param name="logs">Log values; targets up to <c>last + horizon</c> are read.</param>
    public static DirectRidge Fit(ReadOnlySpan<double> logs, int first, int last, LinearShape shape, int horizon,
        IReadOnlyList<double> penalties)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(penalties);
        first = Math.Max(first, shape.FirstEnd);
        if (last + horizon >= logs.Length || last < first)
        {
            throw new ArgumentOutOfRangeException(nameof(last), last, "No window with every feature and target observed.");
        }

        var holdout = (int)Math.Floor((last - first + 1) * HoldoutShare);
        var fitLast = last - holdout - horizon + 1;
        var choosing = penalties.Count > 1 && holdout >= 1 && fitLast - first + 1 >= 2 * shape.FeatureCount;
        var design = new NormalEquations(logs, shape, first, last);
        var features = shape.FeatureCount;
        var grams = new double[horizon][];
        var moments = new double[horizon][];
        var holdoutErrors = new double[penalties.Count];
        for (var step = 1; step <= horizon; step++)
        {
            var gram = new double[features * features];
            var moment = new double[features];
            design.Accumulate(logs, step, first, choosing ? fitLast : last, gram, moment);
            if (choosing)
            {
                for (var p = 0; p < penalties.Count; p++)
                {
                    var coefficients = Solve(gram, moment, features, penalties[p], fitLast - first + 1);
                    holdoutErrors[p] += coefficients is null
                        ? double.PositiveInfinity
                        : design.AbsoluteErrors(logs, step, last - holdout + 1, last, coefficients);
                }

                design.Accumulate(logs, step, fitLast + 1, last, gram, moment);
            }

            grams[step - 1] = gram;
            moments[step - 1] = moment;
        }

        var chosen = 0;
        for (var p = 1; choosing && p < penalties.Count; p++)
        {
            chosen = holdoutErrors[p] < holdoutErrors[chosen] ? p : chosen;
        }

        var penalty = penalties[chosen];

        var all = new double[horizon * features];
        for (var step = 0; step < horizon; step++)
        {
            // A singular step falls back to the strongest penalty, then to "no change" for that step alone.
            var coefficients = Solve(grams[step], moments[step], features, penalty, last - first + 1)
                ?? Solve(grams[step], moments[step], features, penalties.Max(), last - first + 1);
            coefficients?.CopyTo(all.AsSpan(step * features));
        }

        return new DirectRidge(shape, horizon, penalty, all);
    }

    /// <summary>Ridge solution of the (lower-triangle) normal equations; the intercept, last, is not shrunk.</summary>
    private static double[]? Solve(double[] lowerGram, double[] moment, int features, double penalty, int windows)
    {
        var meanSquare = 0.0;
        for (var i = 0; i < features - 1; i++)
        {
            meanSquare += lowerGram[(i * features) + i];
        }

        // The intercept is not shrunk: a drift is not evidence of overfitting.
        var ridge = penalty * Math.Max(meanSquare / Math.Max(1, features - 1), 1e-12);
        var gram = new double[features * features];
        for (var i = 0; i < features; i++)
        {
            for (var j = 0; j < i; j++)
            {
                gram[(i * features) + j] = gram[(j * features) + i] = lowerGram[(i * features) + j];
            }

            gram[(i * features) + i] = lowerGram[(i * features) + i] + (i < features - 1 ? ridge : 1e-9 * windows);
        }

        var solution = moment.ToArray();
        return Cholesky.Solve(gram, solution, features) ? solution : null;
    }
}
