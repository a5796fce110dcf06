using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Xunit;

namespace Forecaster.Core.Tests.Training;

public sealed class WindowShrinkTests
{
    [Fact]
    public void Short_daily_series_shrinks_the_window_and_reports_it()
    {
        var values = TestSeries.MsftDaily();

        var result = SeriesTrainer.Train(values, new TrainingSettings { Window = 256, MaxEpochs = 2 }, null, null, CancellationToken.None);

        // 249 points, K = 5: W = 199 leaves 45 windows = 9 validation + 4 gap + 32 training (the minimum).
        Assert.True(result.WindowShrunk);
        Assert.Equal(199, result.WindowUsed);
        Assert.Equal(199, result.Model.Window);
        Assert.Equal(32, result.TrainingWindows);
        Assert.Equal(256, result.Model.Settings.Window);
        Assert.Equal(5, result.Model.Forecast(values).Values.Count);
    }

    [Fact]
    public void Monthly_series_of_68_points_trains_with_a_shrunk_window()
    {
        var values = TestSeries.GoogMonthly();

        var result = SeriesTrainer.Train(
            values,
            new TrainingSettings { Window = 64, Horizon = 3, MaxEpochs = 5 },
            null,
            null,
            CancellationToken.None);
        var forecast = result.Model.Forecast(values.AsSpan(values.Length - result.Model.RequiredHistory));

        Assert.Equal(22, result.WindowUsed);
        Assert.True(result.WindowShrunk);
        Assert.Equal(9, result.ValidationWindows);
        Assert.All(forecast.Values, v => Assert.InRange(v, values[^1] * 0.5, values[^1] * 1.5));
    }

    [Fact]
    public void Long_enough_series_keeps_the_requested_window()
    {
        var result = SeriesTrainer.Train(
            TestSeries.MsftDaily(),
            new TrainingSettings { MaxEpochs = 1 },
            null,
            null,
            CancellationToken.None);

        Assert.False(result.WindowShrunk);
        Assert.Equal(32, result.WindowUsed);
    }
}
