using Forecaster.Core.Champion;
using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Xunit;

namespace Forecaster.Core.Tests.Champion;

public class ChampionTrainerTests
{
    private static readonly TrainingSettings Small = new() { Window = 16, HiddenSize = 8, Horizon = 3, MaxEpochs = 15, Patience = 4 };

    [Fact]
    public void OnARandomWalkTheNetworkValidatesNoBetterThanNaiveAndNaiveIsPublished()
    {
        var values = TestSeries.RandomWalk(500, sigma: 0.01, seed: 7);

        var model = ChampionTrainer.Train(values, Small, new ChampionSettings { SeasonLength = 0 }, null, null, CancellationToken.None);
        var forecast = model.Forecast(values);

        Assert.Equal(ForecastMethod.Naive, model.Champion);
        Assert.True(model.Decision.Margin < 0.01);
        Assert.All(forecast.Values, value => Assert.Equal(values[^1], value));
        foreach (var interval in forecast.Intervals)
        {
            Assert.All(Enumerable.Range(0, Small.Horizon), k => Assert.InRange(values[^1], interval.Lower[k], interval.Upper[k]));
            Assert.True(
                interval.Upper[^1] - interval.Lower[^1] > interval.Upper[0] - interval.Lower[0],
                "Naive uncertainty grows with the step.");
        }
    }

    [Fact]
    public void NaiveIntervalsAreTheConformalQuantileOfNaiveValidationResiduals()
    {
        var values = TestSeries.RandomWalk(500, sigma: 0.01, seed: 7);
        var model = ChampionTrainer.Train(values, Small, new ChampionSettings { SeasonLength = 0 }, null, null, CancellationToken.None);
        var trained = model.Trained;

        // The ⌈(n+1)·0.8⌉-th smallest |log change| over step 1 of the validation windows, in target units.
        var residuals = Enumerable.Range(trained.FirstValidationEnd, trained.ValidationWindows)
            .Select(e => Math.Abs(Math.Log(values[e + 1]) - Math.Log(values[e])) / trained.Model.Scaler.TargetScale(1))
            .Order()
            .ToArray();
        var radius = (float)residuals[(int)Math.Ceiling((residuals.Length + 1) * 0.8) - 1];
        var interval = model.Forecast(values).Intervals.Single(i => i.Level == 0.8);

        Assert.Equal(trained.Model.Scaler.ToPrice(values[^1], 1, radius), interval.Upper[0], 9);
        Assert.Equal(trained.Model.Scaler.ToPrice(values[^1], 1, -radius), interval.Lower[0], 9);
    }

    [Fact]
    public void OnALearnableSeriesTheNetworkWinsAndIsPublished()
    {
        var values = TestSeries.NoisySineWithTrend(800, seed: 3);

        var model = ChampionTrainer.Train(
            values,
            Small with { MaxEpochs = 40, Patience = 8 },
            new ChampionSettings(),
            null,
            null,
            CancellationToken.None);

        Assert.Equal(ForecastMethod.Rnn, model.Champion);
        Assert.True(model.Decision.Margin >= 0.01);
        Assert.Equal(model.Trained.Model.Forecast(values), model.Forecast(values), ForecastComparer.Bitwise);
    }

    [Fact]
    public void AMonthlySeasonIsDetectedAndSeasonalNaiveBecomesTheBar()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 240).Select(t => 100 + (20 * Math.Sin(2 * Math.PI * t / 12)) + TestSeries.Gaussian(random))
            .ToArray();

        var model = ChampionTrainer.Train(values, Small with { MaxEpochs = 0 }, new ChampionSettings(), null, null, CancellationToken.None);
        var seasonal = model.ForecastWith(ForecastMethod.SeasonalNaive, values);

        Assert.Equal(12, model.SeasonLength);
        Assert.Equal(ForecastMethod.SeasonalNaive, model.Champion);
        Assert.Equal([values[^12], values[^11], values[^10]], seasonal.Values);
    }

    [Fact]
    public void NoSeasonIsFoundInARandomWalk()
    {
        var settings = new ChampionSettings();

        Assert.Equal(
            0,
            SeasonDetector.Detect(TestSeries.RandomWalk(2000, 0.01, seed: 11), settings.SeasonCandidates, settings.SeasonThreshold));
    }
}
