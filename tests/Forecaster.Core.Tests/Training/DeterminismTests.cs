using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Xunit;

namespace Forecaster.Core.Tests.Training;

public sealed class DeterminismTests
{
    private static readonly double[] Values = TestSeries.NoisySineWithTrend(900, seed: 21);
    private static readonly TrainingSettings Settings = new() { MaxEpochs = 6, HiddenSize = 16, Seed = 1234 };

    [Fact]
    public void Same_data_settings_and_seed_give_bitwise_identical_models_and_forecasts()
    {
        var first = SeriesTrainer.Train(Values, Settings, null, null, CancellationToken.None);
        var second = SeriesTrainer.Train(Values, Settings, null, null, CancellationToken.None);

        Assert.True(first.Model.Parameters.SequenceEqual(second.Model.Parameters));
        Assert.Equal(first.Model.Forecast(Values), second.Model.Forecast(Values), ForecastComparer.Bitwise);
        Assert.Equal(first.ValidationLoss, second.ValidationLoss);
    }

    [Fact]
    public void Another_seed_gives_other_weights()
    {
        var first = SeriesTrainer.Train(Values, Settings, null, null, CancellationToken.None);
        var other = SeriesTrainer.Train(Values, Settings with { Seed = 1235 }, null, null, CancellationToken.None);

        Assert.False(first.Model.Parameters.SequenceEqual(other.Model.Parameters));
    }

    [Fact]
    public void Concurrent_training_on_several_threads_matches_training_alone()
    {
        var alone = SeriesTrainer.Train(Values, Settings, null, null, CancellationToken.None).Model.Parameters.ToArray();
        var concurrent = new float[4][];

        Parallel.For(0, concurrent.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            concurrent[i] = SeriesTrainer.Train(Values, Settings, null, null, CancellationToken.None).Model.Parameters.ToArray());

        Assert.All(concurrent, parameters => Assert.Equal(alone, parameters));
    }
}
