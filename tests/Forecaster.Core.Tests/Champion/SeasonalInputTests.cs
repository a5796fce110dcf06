using Forecaster.Core.Champion;
using Forecaster.Core.Features;
using Forecaster.Core.Persistence;
using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Xunit;

namespace Forecaster.Core.Tests.Champion;

public class SeasonalInputTests
{
    // A window shorter than the season: the network cannot see where in the year it is from returns alone.
    private static readonly TrainingSettings Short = new() {
        Window = 5,
        MinWindow = 5,
        HiddenSize = 8,
        Horizon = 3,
        MaxEpochs = 60,
        Patience = 10 };

    [Fact]
    public void MonthOfYearInputsBeatTheSameNetworkWithoutThemOnASeasonalSeries()
    {
        var (stamps, values) = MonthlySeasonal(360, seed: 9);

        var plain = SeriesTrainer.Train(values, Short, null, null, CancellationToken.None);
        var calendar = SeriesTrainer.Train(
            values, Short with { InputFeatures
                = [InputFeatureKind.ScaledReturn, InputFeatureKind.MonthOfYear] }, null, null, CancellationToken.None, timestamps: stamps);

        Assert.True(
            calendar.ValidationMae < 0.8 * plain.ValidationMae,
            $"calendar {calendar.ValidationMae:F3} vs plain {plain.ValidationMae:F3}");
    }

    [Fact]
    public void ADetectedSeasonAddsCalendarInputsOnlyWhenTimestampsAreGiven()
    {
        var (stamps, values) = MonthlySeasonal(360, seed: 9);

        var withStamps = ChampionTrainer.Train(
            values,
            Short with { MaxEpochs = 2 },
            new ChampionSettings(),
            null,
            null,
            CancellationToken.None,
            timestamps: stamps);
        var withoutStamps = ChampionTrainer.Train(
            values,
            Short with { MaxEpochs = 2 },
            new ChampionSettings(),
            null,
            null,
            CancellationToken.None);

        Assert.Equal(12, withStamps.SeasonLength);
        Assert.Equal([InputFeatureKind.ScaledReturn, InputFeatureKind.MonthOfYear], withStamps.Trained.Model.Features.Kinds);
        Assert.Equal([InputFeatureKind.ScaledReturn], withoutStamps.Trained.Model.Features.Kinds);
        Assert.Throws<ArgumentException>(() => withStamps.Trained.Model.Forecast(values));
        Assert.Equal(3, withStamps.ForecastWith(ForecastMethod.Rnn, values, stamps).Values.Count);
    }

    [Fact]
    public void CalendarInputsSurviveTheModelFileAndForecastTheSame()
    {
        var (stamps, values) = MonthlySeasonal(360, seed: 9);
        var model = SeriesTrainer.Train(
            values,
            Short with { MaxEpochs = 3, InputFeatures = [InputFeatureKind.ScaledReturn, InputFeatureKind.MonthOfYear] },
            null, null, CancellationToken.None, timestamps: stamps).Model;

        var restored = ModelSerializer.Deserialize(ModelSerializer.Serialize(model));

        Assert.Equal(model.Features.Kinds, restored.Features.Kinds);
        Assert.Equal(model.Forecast(values, stamps), restored.Forecast(values, stamps), ForecastComparer.Bitwise);
    }

    /// <summary>A fixed, uneven yearly profile plus noise on a level of 100, stamped on the first of each month.</summary>
    private static (DateTime[] Stamps, double[] Values) MonthlySeasonal(int count, int seed)
    {
        double[] profile = [0, 3, 9, 14, 11, 6, 2, -4, -9, -13, -8, -3];
        var random = new Random(seed);
        var start = new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var stamps = Enumerable.Range(0, count).Select(start.AddMonths).ToArray();
        var values = Enumerable.Range(0, count).Select(t => 100 + profile[t % 12] + TestSeries.Gaussian(random)).ToArray();
        return (stamps, values);
    }
}
