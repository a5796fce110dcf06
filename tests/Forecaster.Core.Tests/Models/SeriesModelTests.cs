using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Xunit;

namespace Forecaster.Core.Tests.Models;

public sealed class SeriesModelTests
{
    private static readonly double[] Values = TestSeries.NoisySineWithTrend(700, seed: 2);

    [Fact]
    public void Interleaved_forecasts_of_models_with_different_shapes_do_not_disturb_each_other()
    {
        var a = SeriesTrainer.Train(Values, new TrainingSettings { MaxEpochs = 2, HiddenSize = 8 }, null, null, CancellationToken.None)
            .Model;
        var b = SeriesTrainer.Train(
            Values,
            new TrainingSettings { MaxEpochs = 2, HiddenSize = 8, Window = 16 },
            null,
            null,
            CancellationToken.None).Model;
        var c = SeriesTrainer.Train(Values, new TrainingSettings { MaxEpochs = 2, HiddenSize = 12 }, null, null, CancellationToken.None)
            .Model;

        var first = a.Forecast(Values);
        var others = (b.Forecast(Values), c.Forecast(Values));
        var again = a.Forecast(Values);

        Assert.Equal(first, again, ForecastComparer.Bitwise);
        Assert.NotEqual(first, others.Item1, ForecastComparer.Bitwise);
        Assert.NotEqual(first, others.Item2, ForecastComparer.Bitwise);
    }

    [Fact]
    public void Forecast_reads_only_the_last_window_plus_one_values()
    {
        var model = SeriesTrainer.Train(Values, new TrainingSettings { MaxEpochs = 2, HiddenSize = 8 }, null, null, CancellationToken.None)
            .Model;
        var longer = Values.ToArray();
        longer[0] = double.NaN; // outside the history the model reads

        Assert.Equal(
            model.Forecast(Values.AsSpan(Values.Length - model.RequiredHistory)),
            model.Forecast(longer),
            ForecastComparer.Bitwise);
    }

    [Fact]
    public void Data_watermark_is_stored_in_utc_and_leaves_the_original_untouched()
    {
        var model = SeriesTrainer.Train(Values, new TrainingSettings { MaxEpochs = 0 }, null, null, CancellationToken.None).Model;

        var stamped = model.WithDataWatermark(new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(1)));

        Assert.Null(model.DataWatermark);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 8, 30, 0, TimeSpan.Zero), stamped.DataWatermark);
        Assert.Equal(TimeSpan.Zero, stamped.DataWatermark!.Value.Offset);
        Assert.Equal(model.Forecast(Values), stamped.Forecast(Values), ForecastComparer.Bitwise);
    }
}
