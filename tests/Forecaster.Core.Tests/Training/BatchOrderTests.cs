using Forecaster.Core.Features;
using Forecaster.Core.Rnn;
using Forecaster.Core.Scaling;
using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Forecaster.Core.Windowing;
using Xunit;

namespace Forecaster.Core.Tests.Training;

/// <summary>
/// Mini-batches are drawn in a seeded shuffled order. From the same starting weights the seed is the only thing
/// a session draws from, so it must change the trained weights (chronological batches would make every seed train
/// the same), and the same seed must reproduce them.
/// </summary>
public sealed class BatchOrderTests
{
    private static readonly double[] Values = TestSeries.NoisySineWithTrend(400, seed: 5);

    private static readonly TrainingSettings Settings = new()
    {
        Window = 16,
        HiddenSize = 8,
        BatchSize = 16,
        MaxEpochs = 2,
        Patience = 2,
        LearningRate = 0.01,
        Scaling = ScalingKind.LogReturns,
    };

    [Fact]
    public void Another_seed_from_the_same_starting_weights_trains_other_weights()
    {
        var first = TrainFromFixedWeights(Settings with { Seed = 1 });
        var other = TrainFromFixedWeights(Settings with { Seed = 2 });

        Assert.NotEqual(first, other);
    }

    [Fact]
    public void The_same_seed_from_the_same_starting_weights_trains_the_same_weights()
    {
        Assert.Equal(TrainFromFixedWeights(Settings with { Seed = 1 }), TrainFromFixedWeights(Settings with { Seed = 1 }));
    }

    /// <summary>Trains from weights drawn with one fixed seed, whatever <paramref name="settings"/>' seed is.</summary>
    private static float[] TrainFromFixedWeights(TrainingSettings settings)
    {
        var levels = new double[Values.Length];
        SeriesScaler.ToLevels(settings.Scaling, Values, levels);
        var plan = WindowPlan.Create(levels.Length, settings);
        Assert.True(plan.TrainingWindows > 4 * settings.BatchSize, "the order matters only across several batches");
        var scaler = SeriesScaler.Fit(settings.Scaling, levels, plan.LastTrainingTargetIndex(settings.Horizon), settings.InputClip);
        var features = new InputFeatureSet(settings.InputFeatures);
        var shape = new RnnShape(features.Width, settings.HiddenSize, settings.Horizon);
        var bank = new WindowBank(levels, scaler, features, plan.Window, settings.Horizon);
        var initial = new float[shape.ParameterCount];
        ParameterInitializer.Initialize(shape, seed: 7, initial);

        var session = new TrainingSession(settings, bank, plan, shape, initial, settings.Patience);
        var outcome = session.Run(progress: null, TimeProvider.System, TimeProvider.System.GetTimestamp(), CancellationToken.None);

        Assert.Equal(settings.MaxEpochs, outcome.EpochsRun);
        Assert.False(session.Parameters.SequenceEqual(initial), "training should have moved the weights");
        return session.Parameters.ToArray();
    }
}
