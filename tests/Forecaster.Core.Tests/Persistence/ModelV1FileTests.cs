using Forecaster.Core.Persistence;
using Forecaster.Core.Models;
using Forecaster.Core.Scaling;
using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Xunit;

namespace Forecaster.Core.Tests.Persistence;

/// <summary>The checked-in v1 file (see README.md) must load and forecast as it did when it was written.</summary>
public sealed class ModelV1FileTests
{
    private static readonly double[] RecentValues = [100.33, 99.39, 97.48, 97.8, 98.45, 99.87, 100.92, 103.01, 105];

    [Fact]
    public void Loads_every_stored_field()
    {
        var model = ModelSerializer.Deserialize(File.ReadAllBytes(FilePath)).Networks.Single();

        Assert.Equal(
            new TrainingSettings {
                Window = 8,
                Horizon = 3,
                HiddenSize = 4,
                BatchSize = 16,
                MaxEpochs = 40,
                Patience = 10,
                LearningRate = 0.01,
                Seed = 7 },
            model.Settings);
        Assert.Equal(
            (8, 1, 4, 3, 39),
            (model.Window, model.Shape.InputSize, model.Shape.HiddenSize, model.Horizon, model.Shape.ParameterCount));
        Assert.Equal(7, model.Seed);
        Assert.Equal(new DateTimeOffset(2001, 9, 27, 0, 0, 0, TimeSpan.Zero), model.DataWatermark);
        Assert.Equal(ScalingKind.LogReturns, model.Scaler.Kind);
        Assert.Equal(-0.00011736671656232808, model.Scaler.ReturnMean);
        Assert.Equal(0.018703020625070125, model.Scaler.ReturnStd);
    }

    [Fact]
    public void Forecasts_the_numbers_it_forecast_when_written()
    {
        var forecast = ModelSerializer.Deserialize(File.ReadAllBytes(FilePath)).Forecast(RecentValues);

        FrozenForecast.AssertClose([107.69087080412237, 110.24754897912445, 112.61542953729334], forecast.Values);
        Assert.Equal([0.8, 0.95], forecast.Intervals.Select(i => i.Level));
        FrozenForecast.AssertClose([106.58822815211684, 108.95674883509575, 111.19516624331682], forecast.Intervals[0].Lower);
        FrozenForecast.AssertClose([108.80492016434609, 111.55364110854767, 114.05383343838763], forecast.Intervals[0].Upper);
        FrozenForecast.AssertClose([106.19598314853471, 108.51537560737034, 110.33673950199498], forecast.Intervals[1].Lower);
        FrozenForecast.AssertClose([109.20680152590306, 112.00737211546738, 114.94117940325556], forecast.Intervals[1].Upper);
    }

    [Fact]
    public void Loads_as_one_network_against_the_last_value_that_todays_training_does_not_continue()
    {
        var model = ModelSerializer.Deserialize(File.ReadAllBytes(FilePath));
        var values = TestSeries.NoisySineWithTrend(400, seed: 3);

        var retrained = SeriesTrainer.Train(
            values, model.Networks[0].Settings with { MaxEpochs = 1 },
                model.Networks[0], null, CancellationToken.None, forecastBase: LastValueBase(values, 3));

        Assert.Null(model.Linear);
        Assert.Equal(NetworkBase.LastValue, model.Networks.Single().Base);
        Assert.Equal(WarmStartOutcome.BaseMismatch, retrained.WarmStart);
    }

    private static ForecastBase LastValueBase(double[] values, int horizon) =>
        new([.. values.SelectMany(value => Enumerable.Repeat(Math.Log(value), horizon))], horizon, firstEnd: 0);

    private static string FilePath => Path.Combine(AppContext.BaseDirectory, "Persistence", "model-v1.bin");
}
