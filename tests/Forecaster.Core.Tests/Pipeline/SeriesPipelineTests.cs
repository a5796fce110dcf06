using Forecaster.Core.Champion;
using Forecaster.Core.Features;
using Forecaster.Core.Persistence;
using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Xunit;

namespace Forecaster.Core.Tests.Pipeline;

public sealed class SeriesPipelineTests
{
    /// <summary>A confidence with a critical value of 6: no edge on the test series' origins reaches it.</summary>
    private const double Strict = 1 - 1e-9;

    [Fact]
    public void An_untrained_network_forecasts_exactly_its_linear_base()
    {
        var values = TestSeries.NoisySineWithTrend(300, seed: 1);

        var fit = SmallPipeline.Fit(values, SmallPipeline.Training with { MaxEpochs = 0 });

        // Only the published forecasts: validation refits the linear model as its origins roll, the networks' base does not.
        Assert.Equal(fit.ForecastWith(ForecastMethod.Linear).Values, fit.ForecastWith(ForecastMethod.Rnn).Values);
    }

    [Fact]
    public void Ensembles_are_deterministic_for_a_seed_and_members_differ()
    {
        var values = TestSeries.NoisySineWithTrend(400, seed: 2);

        var first = SmallPipeline.Fit(values, champion: SmallPipeline.Champion with { EnsembleSize = 3 });
        var second = SmallPipeline.Fit(values, champion: SmallPipeline.Champion with { EnsembleSize = 3 });
        var reseeded = SmallPipeline.Fit(values, SmallPipeline.Training with { Seed = 43 },
            SmallPipeline.Champion with { EnsembleSize = 3 });

        Assert.Equal(ModelSerializer.Serialize(first.Model), ModelSerializer.Serialize(second.Model));
        Assert.Equal(first.Forecast().Forecast, second.Forecast().Forecast, ForecastComparer.Bitwise);
        Assert.Equal(3, first.Model.Networks.Count);
        Assert.False(first.Model.Networks[0].Parameters.SequenceEqual(first.Model.Networks[1].Parameters));
        Assert.NotEqual(ModelSerializer.Serialize(first.Model), ModelSerializer.Serialize(reseeded.Model));
    }

    [Fact]
    public void On_random_walks_the_gate_publishes_the_baseline_at_least_95_times_in_100()
    {
        var settings = SmallPipeline.Training with { MaxEpochs = 10 };

        var published = Enumerable.Range(0, 100)
            .AsParallel()
            .Count(seed =>
            {
                var fit = SmallPipeline.Fit(TestSeries.RandomWalk(400, sigma: 0.01, seed), settings);
                return fit.Champion == fit.Decision.Baseline;
            });

        Assert.True(published >= 95, $"the baseline was published on {published} of 100 random walks");
    }

    [Fact]
    public void On_short_random_walks_the_minimum_of_validation_origins_keeps_every_candidate_out()
    {
        var settings = SmallPipeline.Training with { MaxEpochs = 10 };
        var walks = Enumerable.Range(0, 100).Select(seed => TestSeries.RandomWalk(80, sigma: 0.01, seed)).ToList();
        int Published(ChampionSettings champion) => walks.AsParallel()
            .Count(walk => SmallPipeline.Fit(walk, settings, champion) is var fit && fit.Champion != fit.Decision.Baseline);

        var unseasonal = SmallPipeline.Champion with { SeasonLength = 0 };
        var withMinimum = Published(unseasonal);
        var withoutMinimum = Published(unseasonal with { MinimumValidationOrigins = 2 });

        Assert.InRange(SmallPipeline.Fit(walks[0], settings, unseasonal).Validation.Origins, 2, unseasonal.MinimumValidationOrigins - 1);
        Assert.Equal(0, withMinimum);
        Assert.True(withoutMinimum > 5, $"without the minimum a candidate was published on {withoutMinimum} of 100 walks");
    }

    [Fact]
    public void On_a_learnable_series_a_candidate_is_published()
    {
        var values = TestSeries.NoisySineWithTrend(800, seed: 3);

        var fit = SmallPipeline.Fit(values, SmallPipeline.Training with { MaxEpochs = 40, Patience = 8 });

        Assert.NotEqual(fit.Decision.Baseline, fit.Champion);
        Assert.True(fit.Decision.Weight > 0.9);
        var tooFewOrigins = SmallPipeline.Fit(
            values,
            SmallPipeline.Training with { MaxEpochs = 40, Patience = 8 },
            SmallPipeline.Champion with { MinimumValidationOrigins = fit.Validation.Origins + 1 });
        Assert.Equal(fit.Decision.Baseline, tooFewOrigins.Champion);
    }

    [Fact]
    public void A_series_with_a_season_is_gated_at_the_seasonal_confidence()
    {
        var (values, months) = MonthlySeason(seed: 8, noise: 6);
        var lenientWhenSeasonal = SmallPipeline.Champion with
        {
            GateConfidence = Strict, SeasonalGateConfidence = 0.8, SeasonalCombination = 0,
        };
        var strictWhenSeasonal = SmallPipeline.Champion with
        {
            GateConfidence = 0.8, SeasonalGateConfidence = Strict, SeasonalCombination = 0,
        };

        var lenient = SmallPipeline.Fit(values, champion: lenientWhenSeasonal, stamps: months);
        var strict = SmallPipeline.Fit(values, champion: strictWhenSeasonal, stamps: months);

        Assert.NotEmpty(lenient.Seasons);
        Assert.InRange(lenient.Decision.Statistic, 0.85, 6);
        Assert.NotEqual(lenient.Decision.Baseline, lenient.Champion);
        Assert.Equal(strict.Decision.Baseline, strict.Champion);
    }

    [Fact]
    public void Behind_a_seasonal_baseline_an_insignificant_candidate_is_published_at_the_combination_share()
    {
        var (values, months) = MonthlySeason(seed: 8, noise: 6);
        var noEdgeIsSignificant = SmallPipeline.Champion with { SeasonalGateConfidence = Strict };

        var alone = SmallPipeline.Fit(values, champion: noEdgeIsSignificant with { SeasonalCombination = 0 }, stamps: months);
        var whole = SmallPipeline.Fit(values, champion: noEdgeIsSignificant with { SeasonalCombination = 1 }, stamps: months);
        var quarter = SmallPipeline.Fit(values, champion: noEdgeIsSignificant with { SeasonalCombination = 0.25 }, stamps: months);

        var baseline = alone.ForecastWith(alone.Decision.Baseline).Values;
        var candidate = alone.ForecastWith(alone.Decision.Candidate).Values;
        Assert.Contains(alone.Decision.Baseline, new[] { ForecastMethod.SeasonalNaive, ForecastMethod.SeasonalDrift });
        Assert.Equal(alone.Decision.Baseline, alone.Champion);
        Assert.Equal(baseline, alone.Forecast().Forecast.Values);
        Assert.True(whole.Decision.Combined);
        AssertClose(candidate, whole.Forecast().Forecast.Values);
        AssertClose([.. baseline.Zip(candidate, (b, c) => b + (0.25 * (c - b)))], quarter.Forecast().Forecast.Values);
    }

    [Fact]
    public void A_monthly_season_is_found_and_the_networks_get_month_of_year_inputs()
    {
        var (values, months) = MonthlySeason(seed: 5, noise: 1);

        var fit = SmallPipeline.Fit(values, stamps: months);

        Assert.Equal([12], fit.Seasons.Select(season => season.Lag));
        Assert.Equal(12, fit.Model.SeasonalNaiveLag);
        Assert.Contains(ForecastMethod.SeasonalNaive, fit.Methods);
        Assert.All(fit.Model.Networks, network => Assert.Contains(InputFeatureKind.MonthOfYear, network.Features.Kinds));
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), fit.Forecast().Targets[0]);
    }

    [Fact]
    public void An_hourly_series_with_quieter_weekends_gets_both_its_daily_and_weekly_cycles()
    {
        var random = new Random(6);
        var values = Enumerable.Range(0, 24 * 7 * 10)
            .Select(t =>
                100 * Math.Exp((0.3 * Math.Sin(2 * Math.PI * t / 24)) + (t % 168 >= 120
                    ? -0.15 : 0) + (0.02 * TestSeries.Gaussian(random))))
            .ToArray();

        var fit = SmallPipeline.Fit(values, SmallPipeline.Training with { Horizon = 24 }, stamps: SmallPipeline.Stamps(values.Length,
            TimeSpan.FromHours(1)));

        Assert.Equal([24, 168], fit.Seasons.Select(season => season.Lag));
        Assert.All(fit.Model.Networks, network => Assert.Contains(InputFeatureKind.HourOfWeek, network.Features.Kinds));
    }

    [Fact]
    public void Seasonal_naive_repeats_the_kept_cycle_that_forecast_the_validation_origins_best()
    {
        // Weekends far below weekdays and a smaller daily cycle: last week's hour says more than yesterday's.
        var random = new Random(9);
        var values = Enumerable.Range(0, 24 * 7 * 10)
            .Select(t => 100 * Math.Exp((0.2 * Math.Sin(2 * Math.PI * t / 24)) + (t % 168 >= 120 ? -0.6 : 0)
                + (0.01 * TestSeries.Gaussian(random))))
            .ToArray();

        var fit = SmallPipeline.Fit(values, SmallPipeline.Training with { Horizon = 24 }, stamps: SmallPipeline.Stamps(values.Length,
            TimeSpan.FromHours(1)));

        Assert.Equal([24, 168], fit.Seasons.Select(season => season.Lag));
        Assert.Equal(168, fit.Model.SeasonalNaiveLag);
    }

    [Fact]
    public void The_next_training_continues_from_the_stored_networks()
    {
        var values = TestSeries.NoisySineWithTrend(400, seed: 7);
        var first = SmallPipeline.Fit(values[..^1]);
        var stored = ModelSerializer.Deserialize(ModelSerializer.Serialize(first.Model));

        var next = SmallPipeline.Fit(values, warmStarts: stored.Networks);

        Assert.All(next.Networks, network => Assert.Equal(WarmStartOutcome.Applied, network.WarmStart));
    }

    /// <summary>20 years of months: a yearly sine of amplitude 20 around 100 on a slight trend, plus Gaussian noise.</summary>
    private static (double[] Values, DateTime[] Months) MonthlySeason(int seed, double noise)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, 240)
            .Select(t => 100 + (20 * Math.Sin(2 * Math.PI * t / 12)) + (0.1 * t) + (noise * TestSeries.Gaussian(random))).ToArray();
        var months = Enumerable.Range(0, 240).Select(i => new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(i)).ToArray();
        return (values, months);
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, tolerance: 1e-9 * Math.Abs(pair.First)));
    }
}
