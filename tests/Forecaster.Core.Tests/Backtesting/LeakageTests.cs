using Forecaster.Core.Backtesting;
using Forecaster.Core.Champion;
using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Xunit;

namespace Forecaster.Core.Tests.Backtesting;

/// <summary>Nothing after an origin may reach the model: changing the future must not change a single forecast bit.</summary>
public sealed class LeakageTests
{
    private static readonly TrainingSettings Small = new() { Window = 16, HiddenSize = 8, Horizon = 5, MaxEpochs = 6, Patience = 3 };

    [Fact]
    public void Perturbing_everything_after_the_origin_leaves_every_forecast_bitwise_equal()
    {
        var values = TestSeries.MsftDaily();
        var perturbed = values.ToArray();
        const int origin = 200;
        for (var t = origin + 1; t < perturbed.Length; t++)
        {
            perturbed[t] *= 1.5 + (0.01 * (t % 7));
        }

        var original = Run(values, origin);
        var changed = Run(perturbed, origin);

        Assert.Equal(original.Forecasts.Keys.Order(), changed.Forecasts.Keys.Order());
        Assert.Contains(BacktestRunner.ChampionLabel, original.Forecasts.Keys);
        foreach (var (method, forecast) in original.Forecasts)
        {
            Assert.Equal(forecast, changed.Forecasts[method], ForecastComparer.Bitwise);
        }

        Assert.Equal(original.Scale, changed.Scale);
        Assert.NotEqual(original.Actuals, changed.Actuals);
    }

    private static OriginOutcome Run(double[] values, int origin)
    {
        var stamps = Enumerable.Range(0, values.Length).Select(d => new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(d))
            .ToArray();
        var series = new BacktestSeries("test/msft", stamps, values);
        return Assert.Single(
            BacktestRunner.Run(series, [(origin, Small.Horizon)], Small, new ChampionSettings(), onSkipped: null, CancellationToken.None));
    }
}
