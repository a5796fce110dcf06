using Forecaster.Core.Linear;
using Forecaster.Core.Tests.Support;
using Xunit;

namespace Forecaster.Core.Tests.Linear;

public sealed class DirectRidgeTests
{
    private static readonly double[] Logs = TestSeries.NoisySineWithTrend(300, seed: 2).Select(value => Math.Log(value)).ToArray();

    [Fact]
    public void Zero_coefficients_forecast_the_last_value()
    {
        var shape = new LinearShape(4, 0, [new SeasonAnchor(7)]);
        var ridge = new DirectRidge(shape, horizon: 3, penalty: 1, coefficients: new double[3 * shape.FeatureCount]);

        Assert.All(Steps(ridge, Logs, 200), forecast => Assert.Equal(Logs[200], forecast));
    }

    [Fact]
    public void A_coefficient_of_one_on_the_latest_anchor_is_seasonal_naive()
    {
        const int Season = 7;
        var shape = new LinearShape(3, 0, [new SeasonAnchor(Season)]);
        var features = shape.FeatureCount;
        var coefficients = new double[10 * features];
        for (var k = 0; k < 10; k++)
        {
            coefficients[(k * features) + 2] = 1; // after the two lag changes: the latest seasonal anchor
        }

        var ridge = new DirectRidge(shape, 10, 1, coefficients);

        // Steps beyond one season repeat the last observed season, as the seasonal naive baseline does.
        var forecasts = Steps(ridge, Logs, 200);
        Assert.All(Enumerable.Range(1, 10), k => Assert.Equal(
            Logs[200 + k - (Season * ((k + Season - 1) / Season))], forecasts[k - 1], 12));
    }

    [Fact]
    public void The_pattern_anchor_averages_up_to_four_earlier_cycles_at_the_targets_phase()
    {
        var shape = new LinearShape(2, 0, [new SeasonAnchor(10)]);
        var features = new double[shape.FeatureCount];

        shape.WriteFeatures(Logs, end: 100, step: 2, features);
        var early = new double[features.Length];
        shape.WriteFeatures(Logs, end: 15, step: 2, early);

        Assert.Equal(Logs[99] - Logs[100], features[0], 12);
        Assert.Equal(Logs[92] - Logs[100], features[1], 12);
        Assert.Equal(((Logs[92] + Logs[82] + Logs[72] + Logs[62]) / 4) - Logs[100], features[2], 12);
        Assert.Equal(1, features[3]);
        Assert.Equal(((Logs[7]) / 1) - Logs[15], early[2], 12);
    }

    [Fact]
    public void A_seasonal_pattern_is_learned_and_the_holdout_prefers_the_penalty_that_keeps_it()
    {
        var random = new Random(3);
        var logs = Enumerable.Range(0, 400)
            .Select(t => 2 + (0.3 * Math.Sin(2 * Math.PI * t / 7)) + (0.01 * TestSeries.Gaussian(random))).ToArray();

        var ridge = RidgeFitter.Fit(logs, 0, 380, new LinearShape(4, 0, [new SeasonAnchor(7)]), horizon: 7, penalties: [1e-4, 1e6]);
        var errors = Steps(ridge, logs, 385).Select((forecast, k) => Math.Abs(forecast - logs[385 + k + 1])).ToArray();

        Assert.Equal(1e-4, ridge.Penalty);
        Assert.All(errors, error => Assert.True(error < 0.05, $"error {error}"));
    }

    [Fact]
    public void The_level_feature_is_the_mean_of_the_last_values_and_a_plain_anchor_has_no_pattern()
    {
        var shape = new LinearShape(1, 5, [new SeasonAnchor(10, ProfileCycles: 0)]);
        var features = new double[shape.FeatureCount];

        shape.WriteFeatures(Logs, end: 100, step: 1, features);

        Assert.Equal(3, shape.FeatureCount);
        Assert.Equal((Logs[96..101].Sum() / 5) - Logs[100], features[0], 12);
        Assert.Equal(Logs[91] - Logs[100], features[1], 12);
        Assert.Equal(1, features[2]);
    }

    [Fact]
    public void An_overwhelming_penalty_shrinks_everything_but_the_drift_to_zero()
    {
        var ridge = RidgeFitter.Fit(Logs, 0, 280, new LinearShape(4, 0, []), horizon: 2, penalties: [1e12]);
        var features = ridge.Shape.FeatureCount;

        for (var k = 0; k < 2; k++)
        {
            Assert.All(Enumerable.Range(0, features - 1), f => Assert.True(Math.Abs(ridge.Coefficients[(k * features) + f]) < 1e-6));
        }
    }

    [Fact]
    public void Every_step_solves_the_same_least_squares_problem_as_a_dense_fit_of_its_own_inputs()
    {
        // Lags, a level and two seasons with their patterns: every block of the normal equations is exercised.
        var shape = new LinearShape(3, 12, [new SeasonAnchor(6), new SeasonAnchor(9, 2)]);
        const int Horizon = 3, First = 30, Last = 250; // from step 4 the first anchor would repeat a lag: singular

        var ridge = RidgeFitter.Fit(Logs, First, Last, shape, Horizon, penalties: [0]);

        var count = shape.FeatureCount;
        for (var step = 1; step <= Horizon; step++)
        {
            var gram = new double[count, count];
            var moment = new double[count];
            var x = new double[count];
            for (var end = First; end <= Last; end++)
            {
                shape.WriteFeatures(Logs, end, step, x);
                for (var i = 0; i < count; i++)
                {
                    moment[i] += x[i] * (Logs[end + step] - Logs[end]);
                    for (var j = 0; j < count; j++)
                    {
                        gram[i, j] += x[i] * x[j];
                    }
                }
            }

            var expected = GaussianElimination(gram, moment);
            var actual = ridge.Coefficients.Slice((step - 1) * count, count).ToArray();
            Assert.All(Enumerable.Range(0, count), i => Assert.True(
                Math.Abs(expected[i] - actual[i]) <= 1e-6 * (1 + Math.Abs(expected[i])),
                $"step {step}, input {i}: {expected[i]} expected, {actual[i]} fitted"));
        }
    }

    private static double[] Steps(DirectRidge ridge, double[] logs, int end)
    {
        var forecasts = new double[ridge.Horizon];
        ridge.ForecastSteps(logs, end, forecasts);
        return forecasts;
    }

    private static double[] GaussianElimination(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var y = (double[])b.Clone();
        for (var c = 0; c < n; c++)
        {
            var pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(m[r, c]));
            for (var j = 0; j < n; j++)
            {
                (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            }

            (y[c], y[pivot]) = (y[pivot], y[c]);
            for (var r = c + 1; r < n; r++)
            {
                var factor = m[r, c] / m[c, c];
                for (var j = c; j < n; j++)
                {
                    m[r, j] -= factor * m[c, j];
                }

                y[r] -= factor * y[c];
            }
        }

        var solution = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = y[r];
            for (var j = r + 1; j < n; j++)
            {
                sum -= m[r, j] * solution[j];
            }

            solution[r] = sum / m[r, r];
        }

        return solution;
    }
}
