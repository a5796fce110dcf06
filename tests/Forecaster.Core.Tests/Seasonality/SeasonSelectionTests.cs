using Forecaster.Core.Seasonality;
using Forecaster.Core.Tests.Support;
using Xunit;

namespace Forecaster.Core.Tests.Seasonality;

public sealed class SeasonSelectionTests
{
    private const int Horizon = 24;
    private static readonly double[] Hourly = [24, 168];

    [Fact]
    public void An_hourly_series_with_a_daily_cycle_keeps_the_day_only()
    {
        Assert.Equal([24], Lags(Select(HourlyLogs(daily: 0.3, weekly: 0, seed: 1), Hourly)));
    }

    [Fact]
    public void An_hourly_series_with_daily_and_weekly_cycles_keeps_both()
    {
        Assert.Equal([24, 168], Lags(Select(HourlyLogs(daily: 0.3, weekly: 0.2, seed: 2), Hourly)));
    }

    [Fact]
    public void A_weekly_cycle_is_found_without_a_daily_one()
    {
        Assert.Contains(168, Lags(Select(HourlyLogs(daily: 0, weekly: 0.3, seed: 3), Hourly)));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void A_random_walk_has_no_season(int seed)
    {
        var logs = TestSeries.RandomWalk(2000, sigma: 0.01, seed).Select(value => Math.Log(value)).ToArray();

        Assert.Empty(Select(logs, Hourly));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void White_noise_has_no_season(int seed)
    {
        var random = new Random(seed);
        var logs = Enumerable.Range(0, 2000).Select(_ => 3 + (0.05 * TestSeries.Gaussian(random))).ToArray();

        Assert.Empty(Select(logs, [12]));
    }

    [Fact]
    public void A_monthly_series_with_a_yearly_cycle_keeps_twelve()
    {
        var random = new Random(9);
        var logs = Enumerable.Range(0, 240)
            .Select(t => 4 + (0.2 * Math.Sin(2 * Math.PI * t / 12)) + (0.002 * t) + (0.03 * TestSeries.Gaussian(random))).ToArray();

        Assert.Equal([12], Lags(SeasonSelection.Select(logs, [12], lastEnd: 190, horizon: 3, confidence: 0.95)));
    }

    [Fact]
    public void A_candidate_needs_three_cycles_of_history()
    {
        var logs = HourlyLogs(daily: 0.3, weekly: 0.3, seed: 10)[..400];

        Assert.DoesNotContain(168, Lags(SeasonSelection.Select(logs, Hourly, lastEnd: 400 - Horizon - 1, Horizon, confidence: 0.95)));
    }

    private static IReadOnlyList<Season> Select(double[] logs, double[] candidates) =>
        SeasonSelection.Select(logs, candidates, lastEnd: logs.Length - Horizon - 1, Horizon, confidence: 0.95);

    private static int[] Lags(IReadOnlyList<Season> seasons) => [.. seasons.Select(season => season.Lag)];

    /// <summary>Four months of hourly log values: cycles of the given amplitudes on a slowly wandering level.</summary>
    private static double[] HourlyLogs(double daily, double weekly, int seed)
    {
        var random = new Random(seed);
        var level = 5.0;
        return [.. Enumerable.Range(0, 24 * 7 * 16).Select(t =>
        {
            level += 0.002 * TestSeries.Gaussian(random);
            return level + (daily * Math.Sin(2 * Math.PI * t / 24)) + (weekly * Math.Sin(2 * Math.PI * t / 168))
                + (0.03 * TestSeries.Gaussian(random));
        })];
    }
}
