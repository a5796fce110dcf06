using Forecaster.Core.Scaling;
using Xunit;

namespace Forecaster.Core.Tests.Scaling;

public sealed class SeasonalDifferencingTests
{
    [Fact]
    public void Levels_become_their_change_against_one_season_earlier()
    {
        double[] levels = [1, 2, 4, 7, 11, 16];

        Assert.Equal([6, 9, 12], SeasonalDifferencing.Apply(levels, lag: 3));
        Assert.Equal(levels, SeasonalDifferencing.Apply(levels, lag: 0));
        Assert.NotSame(levels, SeasonalDifferencing.Apply(levels, lag: 0));
    }

    // A season of 4; the last value 40 is 1.25 times (8 more than) the 32 a season before it. The target a whole
    // season ahead has the last value itself a season before it.
    [Theory]
    [InlineData(1, 12 * 1.25, 12 + 8.0)]
    [InlineData(2, 16 * 1.25, 16 + 8.0)]
    [InlineData(4, 40 * 1.25, 40 + 8.0)]
    public void The_base_is_the_value_a_season_before_the_target_carried_by_the_last_seasonal_change(
        int step, double logBase, double differenceBase)
    {
        double[] values = [7, 32, 12, 16, 32, 40];

        Assert.Equal(logBase, SeasonalDifferencing.Base(values, end: 5, step, lag: 4, ScalingKind.LogReturns), 12);
        Assert.Equal(differenceBase, SeasonalDifferencing.Base(values, end: 5, step, lag: 4, ScalingKind.Differences), 12);
    }

    [Fact]
    public void Without_a_season_the_base_is_the_last_value()
    {
        Assert.Equal(40, SeasonalDifferencing.Base([7, 32, 40], end: 2, step: 3, lag: 0, ScalingKind.LogReturns));
    }
}
