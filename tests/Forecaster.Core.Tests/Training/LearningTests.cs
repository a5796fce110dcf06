using Forecaster.Core.Rnn;
using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Xunit;

namespace Forecaster.Core.Tests.Training;

public sealed class LearningTests
{
    [Fact]
    public void Learns_a_noisy_sine_with_trend_far_better_than_naive()
    {
        var values = TestSeries.NoisySineWithTrend(2000, seed: 7);

        var result = SeriesTrainer.Train(values, new TrainingSettings(), null, null, CancellationToken.None);

        Assert.True(
            result.ValidationLoss < 0.25 * result.NaiveValidationLoss,
            $"validation {result.ValidationLoss}, naive {result.NaiveValidationLoss}");
        Assert.True(result.ValidationMase < 0.5, $"MASE {result.ValidationMase}");
        Assert.True(result.BestEpoch > 0);
        Assert.Equal(result.NaiveValidationLoss, result.InitialValidationLoss);
    }

    [Fact]
    public void Sgd_with_huber_loss_and_truncated_bptt_also_learns()
    {
        var values = TestSeries.NoisySineWithTrend(1200, seed: 8);
        var settings = new TrainingSettings
        {
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.02, Momentum = 0.9, Loss = LossKind.Huber, TruncationLength = 12, HiddenSize
                = 16,
        };

        var result = SeriesTrainer.Train(values, settings, null, null, CancellationToken.None);
        var withDefaults = SeriesTrainer.Train(values, new TrainingSettings { HiddenSize = 16 }, null, null, CancellationToken.None);

        Assert.True(
            result.ValidationLoss < 0.5 * result.NaiveValidationLoss,
            $"validation {result.ValidationLoss}, naive {result.NaiveValidationLoss}");
        Assert.NotEqual(withDefaults.NaiveValidationLoss, result.NaiveValidationLoss); // Huber, not squared error
    }

    [Fact]
    public void Truncation_longer_than_a_shrunk_window_means_full_bptt()
    {
        var values = TestSeries.GoogMonthly();

        var result = SeriesTrainer.Train(
            values,
            new TrainingSettings { Window = 64, TruncationLength = 40, Horizon = 3, MaxEpochs = 2 },
            null,
            null,
            CancellationToken.None);

        Assert.Equal(22, result.WindowUsed);
        Assert.Equal(2, result.EpochsRun);
    }

    [Fact]
    public void Forecast_of_the_learned_sine_follows_its_next_values()
    {
        var values = TestSeries.NoisySineWithTrend(2100, seed: 11);
        var model = SeriesTrainer.Train(values.AsSpan(0, 2000), new TrainingSettings(), null, null, CancellationToken.None).Model;

        double modelError = 0, naiveError = 0;
        for (var origin = 2000; origin < 2095; origin++)
        {
            var forecast = model.Forecast(values.AsSpan(0, origin));
            for (var k = 0; k < model.Horizon; k++)
            {
                modelError += Math.Abs(forecast.Values[k] - values[origin + k]);
                naiveError += Math.Abs(values[origin - 1] - values[origin + k]);
            }
        }

        Assert.True(modelError < 0.5 * naiveError, $"model {modelError}, naive {naiveError}");
    }

    [Fact]
    public void Result_reports_windows_points_and_elapsed_time()
    {
        var values = TestSeries.NoisySineWithTrend(2500, seed: 3);

        var result = SeriesTrainer.Train(values, new TrainingSettings { MaxEpochs = 2 }, null, null, CancellationToken.None);

        Assert.Equal(2000, result.PointsUsed);
        Assert.Equal(2000 - 5 - 32, result.TrainingWindows + result.ValidationWindows + 4);
        Assert.Equal(32, result.WindowUsed);
        Assert.False(result.WindowShrunk);
        Assert.Equal(2, result.EpochsRun);
        Assert.True(result.Elapsed > TimeSpan.Zero);
        Assert.Equal(WarmStartOutcome.NotRequested, result.WarmStart);
        Assert.True(result.ValidationMae > 0 && result.ValidationRmse >= result.ValidationMae);
    }
}
