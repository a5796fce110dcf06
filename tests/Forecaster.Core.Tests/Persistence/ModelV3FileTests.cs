using Forecaster.Core.Champion;
using Forecaster.Core.Models;
using Forecaster.Core.Persistence;
using Forecaster.Core.Tests.Support;
using Xunit;

namespace Forecaster.Core.Tests.Persistence;

/// <summary>
/// The checked-in v3 file (see README.md), a linear base with one network and a single blend weight, must load with that
/// weight at every step and forecast as it did when written.
/// </summary>
public sealed class ModelV3FileTests
{
    [Fact]
    public void Loads_the_single_weight_for_every_step()
    {
        var model = ModelSerializer.Deserialize(File.ReadAllBytes(FilePath));

        Assert.NotNull(model.Linear);
        Assert.Equal(NetworkBase.Linear, model.Networks.Single().Base);
        Assert.Equal((ForecastMethod.Linear, ForecastMethod.Naive, ForecastMethod.Linear),
            (model.Choice.Champion, model.Choice.Baseline, model.Choice.Candidate));
        Assert.Equal(Enumerable.Repeat(0.9917532521750267, 3), model.Choice.Weights);
        Assert.Equal(new DateTimeOffset(2019, 12, 1, 0, 0, 0, TimeSpan.Zero), model.DataWatermark);
    }

    [Fact]
    public void Forecasts_the_numbers_it_forecast_when_written()
    {
        var (values, stamps) = History();

        var forecast = ModelSerializer.Deserialize(File.ReadAllBytes(FilePath)).Forecast(values, stamps);

        FrozenForecast.AssertClose([220.3107861890328, 225.77310492775854, 230.1217267776795], forecast.Values);
        FrozenForecast.AssertClose([219.56845890293025, 224.4362634089824, 228.7034248778881], forecast.Intervals[0].Lower);
        FrozenForecast.AssertClose([221.0556231698449, 227.11790926510585, 231.54882426188345], forecast.Intervals[0].Upper);
        FrozenForecast.AssertClose([219.10864266935613, 223.61235686691668, 227.8430428915398], forecast.Intervals[1].Lower);
        FrozenForecast.AssertClose([221.5195252908111, 227.95473212179252, 232.42320003753477], forecast.Intervals[1].Upper);
    }

    [Fact]
    public void Is_written_again_as_the_current_version_with_a_weight_per_step()
    {
        var model = ModelSerializer.Deserialize(File.ReadAllBytes(FilePath));

        var rewritten = ModelSerializer.Deserialize(ModelSerializer.Serialize(model));

        Assert.Equal(model.Choice.Weights, rewritten.Choice.Weights);
        var (values, stamps) = History();
        Assert.Equal(model.Forecast(values, stamps).Values, rewritten.Forecast(values, stamps).Values);
    }

    private static string FilePath => Path.Combine(AppContext.BaseDirectory, "Persistence", "model-v3.bin");

    /// <summary>The monthly series it was trained on (README.md).</summary>
    private static (double[] Values, DateTime[] Stamps) History() =>
        ([.. Enumerable.Range(0, 240).Select(t => Math.Round(100 + (10 * Math.Sin(2 * Math.PI * t / 12)) + (0.5 * t)
            + ((((t * 7919) % 13) - 6) / 10.0), 2))],
        [.. Enumerable.Range(0, 240).Select(i => new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(i))]);
}
