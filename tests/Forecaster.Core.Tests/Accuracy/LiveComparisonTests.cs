using Forecaster.Core.Accuracy;
using Forecaster.Core.Champion;
using Xunit;

namespace Forecaster.Core.Tests.Accuracy;

public sealed class LiveComparisonTests
{
    [Theory]
    [InlineData(2.228138851986, 10, 0.025)]
    [InlineData(1.812461122811, 10, 0.05)]
    [InlineData(2.015048372669, 5, 0.05)]
    [InlineData(1.697260886500, 30, 0.05)]
    [InlineData(12.706204736175, 1, 0.025)]
    [InlineData(0, 7, 0.5)]
    [InlineData(-1.812461122811, 10, 0.95)]
    public void Student_t_upper_tails_match_the_tables(double t, double degreesOfFreedom, double expected) =>
        Assert.Equal(expected, StudentT.UpperTail(t, degreesOfFreedom), 9);

    [Fact]
    public void With_one_step_forecasts_the_test_is_the_one_sample_t_test_of_the_differences()
    {
        // Mean 0.5, sample variance (n − 1 denominator) 0.5 / 3 ⇒ t = 0.5 / sqrt((0.5 / 3) / 4) = 2.449…; the DM variance uses
        // n in the denominator and HLN's factor sqrt((n + 1 − 2) / n) undoes exactly that for h = 1.
        double[] d = [1, 0, 0.5, 0.5];

        var comparison = LiveComparison.Test(d, horizon: 1);

        Assert.Equal(4, comparison.Points);
        Assert.Equal(0.5, comparison.MeanDifference, 12);
        Assert.Equal(0.5 / Math.Sqrt(0.5 / 3 / 4), comparison.Statistic, 9);
        Assert.Equal(StudentT.UpperTail(comparison.Statistic, 3), comparison.PValue, 12);
    }

    [Fact]
    public void Correlated_steps_of_multi_step_forecasts_widen_the_variance_and_weaken_the_evidence()
    {
        // The same differences, smoothed so neighbours move together, as overlapping 3-step forecasts' errors do.
        double[] d = [0.9, 1.0, 1.1, 0.2, 0.1, 0.3, 0.8, 0.9, 0.7, -0.1, 0.0, 0.1, 0.6, 0.7, 0.5, 0.2, 0.3, 0.2];

        var asOneStep = LiveComparison.Test(d, horizon: 1);
        var asThreeStep = LiveComparison.Test(d, horizon: 3);

        Assert.True(asThreeStep.PValue > asOneStep.PValue, $"{asThreeStep.PValue} <= {asOneStep.PValue}");
    }

    [Fact]
    public void A_network_clearly_worse_than_naive_is_demoted_and_noise_is_not()
    {
        var policy = new DemotionPolicy { Window = 40, MinimumPoints = 20, Significance = 0.05 };
        var worse = Enumerable.Range(0, 30).Select(i => new ScoredDifference(1, 0.3 + (0.2 * Math.Sin(i)))).ToArray();
        var noise = Enumerable.Range(0, 30).Select(i => new ScoredDifference(1, (i % 2 == 0 ? 1 : -1) + 0.05)).ToArray();
        var few = worse[..10];

        Assert.Equal(DemotionChange.Demote, policy.Judge(demoted: false, worse, []).Change);
        Assert.Equal(DemotionChange.None, policy.Judge(demoted: false, noise, []).Change);
        Assert.Equal(DemotionChange.None, policy.Judge(demoted: false, few, []).Change);
        Assert.Equal(DemotionChange.None, (policy with { Enabled = true, MinimumPoints = 31, Window = 40 }).Judge(false, worse, []).Change);
    }

    [Fact]
    public void A_demoted_network_is_reinstated_once_its_shadow_beats_naive_since_the_demotion()
    {
        var policy = new DemotionPolicy { Window = 40, MinimumPoints = 5 };
        var before = Enumerable.Range(0, 20).Select(_ => new ScoredDifference(1, 1.0)).ToArray();
        var better = Enumerable.Range(0, 5).Select(_ => new ScoredDifference(1, -0.2)).ToArray();

        Assert.Equal(DemotionChange.None, policy.Judge(demoted: true, before, better[..4]).Change);
        Assert.Equal(DemotionChange.Reinstate, policy.Judge(demoted: true, [.. before, .. better], better).Change);
        Assert.Equal(DemotionChange.None, policy.Judge(demoted: true, before, before[..5]).Change);
    }

    [Fact]
    public void A_demoted_series_publishes_the_baseline_only_where_the_gate_chose_a_candidate()
    {
        var networkWon = new ChampionDecision(ForecastMethod.Rnn, ForecastMethod.SeasonalNaive, 1.2, ForecastMethod.Rnn, 1.0, 3.0, 0.89);
        var baselineWon = new ChampionDecision(ForecastMethod.Naive, ForecastMethod.Naive, 1.2, ForecastMethod.Rnn, 1.3, -1.0, 0);

        Assert.Equal(
            new PublishChoice(ForecastMethod.SeasonalNaive, PublishChoice.DemotedReason),
            PublishChoice.Decide(networkWon, demoted: true));
        Assert.Equal(new PublishChoice(ForecastMethod.Rnn, null), PublishChoice.Decide(networkWon, demoted: false));
        Assert.Equal(new PublishChoice(ForecastMethod.Naive, null), PublishChoice.Decide(baselineWon, demoted: true));
        Assert.True(PublishChoice.Decide(networkWon, demoted: true).NeedsShadow);
        Assert.False(PublishChoice.Decide(networkWon, demoted: false).NeedsShadow);
    }
}
