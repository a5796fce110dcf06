using Forecaster.Core.Intervals;
using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Xunit;

namespace Forecaster.Core.Tests.Intervals;

public sealed class ConformalCalibrationTests
{
    [Fact]
    public void Radius_is_the_conformal_rank_of_absolute_residuals_per_step()
    {
        // 9 windows, K = 2: step 1 residuals 1..9, step 2 residuals 10..90 (signs mixed).
        var predictions = new float[18];
        var targets = new float[18];
        for (var i = 0; i < 9; i++)
        {
            targets[2 * i] = (i % 2 == 0 ? 1 : -1) * (i + 1);
            targets[(2 * i) + 1] = 10 * (i + 1);
        }

        var calibration = ConformalCalibration.Fit([0.8, 0.5, 0.95], 2, predictions, targets);

        // Rank ⌈(n+1)·level⌉: 0.8 → 8th, 0.5 → 5th, 0.95 → 10th > n, so the largest.
        Assert.Equal([8.0, 80.0, 5.0, 50.0, 9.0, 90.0], calibration.Radii.ToArray());
        Assert.Equal(80.0, calibration.Radius(0, 1));
    }

    [Fact]
    public void Intervals_cover_fresh_data_near_their_nominal_level()
    {
        // Geometric random walk with known noise: train on the first 2,000 points, then check forecasts
        // from 1,500 later origins against what actually happened.
        var values = TestSeries.RandomWalk(3500, 0.01, seed: 99);
        var model = SeriesTrainer.Train(
            values.AsSpan(0, 2000),
            new TrainingSettings { MaxEpochs = 10, HiddenSize = 16 },
            null,
            null,
            CancellationToken.None).Model;
        var inside = new int[2];
        var checks = 0;

        for (var origin = 2000; origin + model.Horizon <= values.Length; origin++)
        {
            var forecast = model.Forecast(values.AsSpan(origin - model.RequiredHistory, model.RequiredHistory));
            for (var k = 0; k < model.Horizon; k++)
            {
                checks++;
                for (var l = 0; l < 2; l++)
                {
                    var band = forecast.Intervals[l];
                    inside[l] += band.Lower[k] <= values[origin + k] && values[origin + k] <= band.Upper[k] ? 1 : 0;
                }
            }
        }

        Assert.InRange((double)inside[0] / checks, 0.76, 0.84);
        Assert.InRange((double)inside[1] / checks, 0.93, 0.97);
    }
}
