using Forecaster.Core.Scaling;
using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Xunit;

namespace Forecaster.Core.Tests.Training;

public sealed class EarlyStoppingAndWarmStartTests
{
    // A random walk has nothing to learn, so validation loss bottoms out early and training overfits after.
    private static readonly double[] Walk = TestSeries.RandomWalk(1200, 0.01, seed: 5);
    private static readonly TrainingSettings Settings = new() { Patience = 4, HiddenSize = 16 };

    [Fact]
    public void Early_stopping_keeps_the_best_epochs_weights_not_the_last()
    {
        var epochs = new List<EpochProgress>();

        var result = SeriesTrainer.Train(Walk, Settings, null, epochs.Add, CancellationToken.None);
        var reevaluated = SeriesTrainer.Train(Walk, Settings with { MaxEpochs = 0 }, result.Model, null, CancellationToken.None);

        Assert.True(result.StoppedEarly);
        Assert.Equal(result.BestEpoch + Settings.Patience, result.EpochsRun);
        Assert.Equal(Enumerable.Range(1, result.EpochsRun), epochs.Select(e => e.Epoch));
        Assert.Equal(epochs.Min(e => e.ValidationLoss), result.ValidationLoss);
        Assert.True(epochs[^1].ValidationLoss > result.ValidationLoss);
        Assert.Equal(result.ValidationLoss, reevaluated.InitialValidationLoss);
    }

    [Fact]
    public void Progress_reports_losses_best_epoch_and_growing_elapsed_time()
    {
        var epochs = new List<EpochProgress>();

        SeriesTrainer.Train(Walk, Settings with { MaxEpochs = 3, Patience = 10 }, null, epochs.Add, CancellationToken.None);

        Assert.Equal(3, epochs.Count);
        Assert.All(epochs, e => Assert.True(e.TrainLoss > 0 && e.ValidationLoss > 0 && e.MaxEpochs == 3));
        Assert.All(epochs, e => Assert.Equal(
            epochs.Where(x => x.Epoch <= e.Epoch).Min(x => Math.Min(x.ValidationLoss, x.BestValidationLoss)),
            e.BestValidationLoss));
        Assert.True(epochs[2].Elapsed >= epochs[1].Elapsed && epochs[1].Elapsed >= epochs[0].Elapsed);
    }

    [Fact]
    public void Warm_start_from_a_same_shape_model_starts_at_its_loss()
    {
        var first = SeriesTrainer.Train(Walk, Settings, null, null, CancellationToken.None);

        var warm = SeriesTrainer.Train(Walk, Settings with { MaxEpochs = 2 }, first.Model, null, CancellationToken.None);
        var cold = SeriesTrainer.Train(Walk, Settings with { MaxEpochs = 2 }, null, null, CancellationToken.None);

        Assert.Equal(WarmStartOutcome.Applied, warm.WarmStart);
        Assert.True(warm.WarmStarted);
        Assert.Equal(first.ValidationLoss, warm.InitialValidationLoss);
        Assert.False(cold.WarmStarted);
        Assert.Equal(cold.NaiveValidationLoss, cold.InitialValidationLoss);
        Assert.NotEqual(cold.InitialValidationLoss, warm.InitialValidationLoss);
    }

    [Fact]
    public void Warm_start_stops_after_its_own_shorter_patience_while_a_cold_start_keeps_the_full_one()
    {
        var settings = Settings with { Patience = 6, WarmStartPatience = 2 };
        var first = SeriesTrainer.Train(Walk, settings, null, null, CancellationToken.None);

        var warm = SeriesTrainer.Train(Walk, settings, first.Model, null, CancellationToken.None);
        var mismatched = SeriesTrainer.Train(Walk, settings with { HiddenSize = 24 }, first.Model, null, CancellationToken.None);

        Assert.Equal(first.BestEpoch + 6, first.EpochsRun);
        Assert.True(warm.WarmStarted);
        Assert.Equal(warm.BestEpoch + 2, warm.EpochsRun);
        Assert.False(mismatched.WarmStarted);
        Assert.Equal(mismatched.BestEpoch + 6, mismatched.EpochsRun);
    }

    [Fact]
    public void Warm_start_with_a_different_shape_is_ignored_with_the_reason()
    {
        var first = SeriesTrainer.Train(Walk, Settings with { MaxEpochs = 2 }, null, null, CancellationToken.None);

        var wider = SeriesTrainer.Train(Walk, Settings with { MaxEpochs = 1, HiddenSize = 24 }, first.Model, null, CancellationToken.None);
        var longer = SeriesTrainer.Train(Walk, Settings with { MaxEpochs = 1, Horizon = 6 }, first.Model, null, CancellationToken.None);
        var otherScaling = SeriesTrainer.Train(
            Walk,
            Settings with { MaxEpochs = 1, Scaling = ScalingKind.Differences },
            first.Model,
            null,
            CancellationToken.None);

        Assert.Equal(WarmStartOutcome.ShapeMismatch, wider.WarmStart);
        Assert.Equal(WarmStartOutcome.ShapeMismatch, longer.WarmStart);
        Assert.Equal(WarmStartOutcome.ScalingMismatch, otherScaling.WarmStart);
        Assert.All([wider, longer, otherScaling], r => Assert.Equal(r.NaiveValidationLoss, r.InitialValidationLoss));
    }

    [Fact]
    public void Cancellation_stops_training_before_the_next_batch()
    {
        using var cancellation = new CancellationTokenSource();
        var epochs = new List<int>();

        Assert.Throws<OperationCanceledException>(() => SeriesTrainer.Train(
            Walk,
            Settings with { Patience = 100 },
            null,
            e =>
            {
                epochs.Add(e.Epoch);
                if (e.Epoch == 2)
                {
                    cancellation.Cancel();
                }
            },
            cancellation.Token));

        Assert.Equal([1, 2], epochs);
    }

    [Fact]
    public void Already_cancelled_token_trains_nothing()
    {
        var reported = 0;

        Assert.ThrowsAny<OperationCanceledException>(() =>
            SeriesTrainer.Train(Walk, Settings, null, _ => reported++, new CancellationToken(canceled: true)));
        Assert.Equal(0, reported);
    }
}
