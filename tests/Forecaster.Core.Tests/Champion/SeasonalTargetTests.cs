using Forecaster.Core.Champion;
using Forecaster.Core.Persistence;
using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Xunit;

namespace Forecaster.Core.Tests.Champion;

/// <summary>A seasonal series trains against its season, so a trending multiplicative season is learnable.</summary>
public class SeasonalTargetTests
{
    private const int Season = 12;
    private static readonly TrainingSettings Small = new() { Window = 16, HiddenSize = 8, Horizon = 3, MaxEpochs = 30, Patience = 6 };
    private static readonly ChampionSettings Monthly = new() { SeasonLength = Season };

    [Fact]
    public void OnATrendingMultiplicativeSeasonTheSeasonalNetworkBeatsThePlainOneAndSeasonalNaive()
    {
        var values = AirlineLike(240, seed: 3);

        var model = ChampionTrainer.Train(values, Small, Monthly, null, null, CancellationToken.None);
        var plain = SeriesTrainer.Train(values, Small, null, null, CancellationToken.None);
        var seasonalNaive = model.Baselines.Single(b => b.Method == ForecastMethod.SeasonalNaive);

        Assert.Equal(Season, model.Trained.Model.SeasonalLag);
        Assert.Equal(ForecastMethod.Rnn, model.Champion);
        Assert.True(
            model.Trained.ValidationMae < 0.5 * plain.ValidationMae,
            $"seasonal {model.Trained.ValidationMae}, plain {plain.ValidationMae}");
        Assert.True(
            model.Trained.ValidationMae < 0.5 * seasonalNaive.Mae,
            $"seasonal {model.Trained.ValidationMae}, seasonal naive {seasonalNaive.Mae}");
    }

    [Fact]
    public void AnUntrainedSeasonalNetworkForecastsTheValueASeasonAgoGrownByTheLastSeasonalRatio()
    {
        var values = AirlineLike(120, seed: 4);

        var forecast = ChampionTrainer.Train(values, Small with { MaxEpochs = 0 }, Monthly, null, null, CancellationToken.None)
            .ForecastWith(ForecastMethod.Rnn, values);

        var growth = values[^1] / values[^(Season + 1)];
        for (var k = 1; k <= Small.Horizon; k++)
        {
            Assert.Equal(values[^(Season + 1 - k)] * growth, forecast.Values[k - 1], 9);
        }
    }

    [Fact]
    public void TheSeasonalLagSurvivesSerialization()
    {
        var values = AirlineLike(120, seed: 5);
        var model = ChampionTrainer.Train(values, Small with { MaxEpochs = 3 }, Monthly, null, null, CancellationToken.None).Trained.Model;

        var loaded = ModelSerializer.Deserialize(ModelSerializer.Serialize(model));

        Assert.Equal(Season, loaded.SeasonalLag);
        Assert.Equal(model.Forecast(values), loaded.Forecast(values), ForecastComparer.Bitwise);
    }

    [Fact]
    public void AHorizonLongerThanTheSeasonTrainsThePlainNetwork()
    {
        var values = AirlineLike(240, seed: 6);

        var model = ChampionTrainer.Train(
            values,
            Small with { Horizon = 4, MaxEpochs = 0 },
            new ChampionSettings { SeasonLength = 3 },
            null,
            null,
            CancellationToken.None);

        Assert.Equal(0, model.Trained.Model.SeasonalLag);
    }

    /// <summary>Exponential trend times a ±20 % monthly season with 1 % noise, as in the airline passengers series.</summary>
    private static double[] AirlineLike(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(t =>
            100 * Math.Exp(0.01 * t) * (1 + (0.2 * Math.Sin(2 * Math.PI * t / Season))) * Math.Exp(0.01 * TestSeries.Gaussian(random)))];
    }
}
