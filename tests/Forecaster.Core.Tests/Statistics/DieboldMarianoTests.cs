using Forecaster.Core.Statistics;
using Xunit;

namespace Forecaster.Core.Tests.Statistics;

public sealed class DieboldMarianoTests
{
    [Fact]
    public void One_step_losses_give_the_plain_t_statistic_of_the_loss_differences()
    {
        double[] baseline = [3, 1, 4, 1, 5, 9, 2, 6];
        double[] candidate = [2, 1, 3, 2, 4, 7, 2, 5];
        var differences = baseline.Zip(candidate, (b, c) => b - c).ToArray();
        var mean = differences.Average();
        var variance = differences.Sum(d => (d - mean) * (d - mean)) / differences.Length;

        Assert.Equal(mean / Math.Sqrt(variance / differences.Length), DieboldMariano.Statistic(baseline, candidate, horizon: 1), 12);
    }

    [Fact]
    public void Overlapping_origins_widen_the_variance_by_their_bartlett_weighted_autocovariances()
    {
        double[] differences = [1, 2, 0, 1, 3, -1, 2, 1, 0, 2];
        var mean = differences.Average();
        double Covariance(int lag) => Enumerable.Range(lag,
            differences.Length - lag).Sum(t => (differences[t] - mean) * (differences[t - lag] - mean)) / differences.Length;
        var longRun = Covariance(0) + (2 * (2.0 / 3) * Covariance(1)) + (2 * (1.0 / 3) * Covariance(2));

        var statistic = DieboldMariano.Statistic(differences, new double[differences.Length], horizon: 3);

        Assert.Equal(mean / Math.Sqrt(longRun / differences.Length), statistic, 12);
    }

    [Fact]
    public void The_sign_says_which_forecast_was_better()
    {
        double[] worse = [2, 3, 2, 4, 3, 2];
        double[] better = [1, 2, 2, 2, 1, 2];

        Assert.True(DieboldMariano.Statistic(worse, better, 1) > 0);
        Assert.True(DieboldMariano.Statistic(better, worse, 1) < 0);
    }

    [Fact]
    public void Equal_losses_give_zero_and_a_constant_edge_is_infinitely_significant()
    {
        double[] losses = [1, 2, 3];

        Assert.Equal(0, DieboldMariano.Statistic(losses, losses, 2));
        Assert.Equal(double.PositiveInfinity, DieboldMariano.Statistic([2, 3, 4], losses, 2));
    }
}
