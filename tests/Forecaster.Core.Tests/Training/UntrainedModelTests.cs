using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Xunit;

namespace Forecaster.Core.Tests.Training;

public sealed class UntrainedModelTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Zero_epoch_model_forecasts_exactly_the_last_value(bool shiftNegative)
    {
        var values = TestSeries.MsftDaily().Select(v => shiftNegative ? v - 60 : v).ToArray();

        var result = SeriesTrainer.Train(values, new TrainingSettings { MaxEpochs = 0 }, null, null, CancellationToken.None);
        var forecast = result.Model.Forecast(values);

        Assert.All(forecast.Values, v => Assert.Equal(values[^1], v));
        Assert.Equal(0, result.EpochsRun);
        Assert.Equal(0, result.BestEpoch);
        Assert.Equal(result.NaiveValidationLoss, result.ValidationLoss);
        Assert.Equal(1.0, result.ValidationMase, 12);
    }

    [Fact]
    public void Naive_intervals_bracket_the_last_value_and_widen_with_level()
    {
        var values = TestSeries.MsftDaily();
        var model = SeriesTrainer.Train(values, new TrainingSettings { MaxEpochs = 0 }, null, null, CancellationToken.None).Model;

        var forecast = model.Forecast(values);

        Assert.Equal([0.8, 0.95], forecast.Intervals.Select(i => i.Level));
        for (var k = 0; k < model.Horizon; k++)
        {
            Assert.True(forecast.Intervals[0].Lower[k] < values[^1] && values[^1] < forecast.Intervals[0].Upper[k]);
            Assert.True(forecast.Intervals[1].Lower[k] <= forecast.Intervals[0].Lower[k]);
            Assert.True(forecast.Intervals[1].Upper[k] >= forecast.Intervals[0].Upper[k]);
        }
    }
}
