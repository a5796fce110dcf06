using Forecaster.Core.Intervals;
using Xunit;

namespace Forecaster.Core.Tests.Intervals;

public sealed class StepScaledConformalTests
{
    [Fact]
    public void Every_step_shares_one_quantile_of_residuals_divided_by_the_step_scale()
    {
        // 9 origins, h = 2: step 1 residuals ±1..±9 (mean 5), step 2 the same times 10 (mean 50), so every ratio is i / 5.
        var residuals = new double[18];
        for (var i = 0; i < 9; i++)
        {
            residuals[2 * i] = (i % 2 == 0 ? 1 : -1) * (i + 1);
            residuals[(2 * i) + 1] = 10 * (i + 1);
        }

        var calibration = StepScaledConformal.Fit([0.8, 0.5], 2, residuals);

        // 0.8: origin rank ⌈10·0.8⌉ = 8 of 9 → level 8/9 → ratio 16 of 18 = 8/5; 0.5: 5/9 → ratio 10 of 18 = 5/5.
        double[] expected = [8.0, 80.0, 5.0, 50.0];
        Assert.All(expected.Zip(calibration.Radii.ToArray()), pair => Assert.Equal(pair.First, pair.Second, Tolerance));
    }

    [Fact]
    public void A_later_step_is_never_given_a_narrower_radius_than_an_earlier_one()
    {
        // Step 2 erred less than step 1 on these origins; its scale is raised to step 1's.
        double[] residuals = [4, 1, -2, 1, 3, -1, -3, 1];

        var calibration = StepScaledConformal.Fit([0.5], 2, residuals);

        Assert.Equal(calibration.Radius(0, 0), calibration.Radius(0, 1), Tolerance);
        Assert.True(calibration.Radius(0, 0) > 0);
    }

    [Fact]
    public void With_too_few_origins_for_the_conformal_rank_the_nominal_level_of_the_pooled_ratios_is_used()
    {
        Assert.Equal(19.0 / 19, StepScaledConformal.PooledLevel(0.95, 19), Tolerance);
        Assert.Equal(0.95, StepScaledConformal.PooledLevel(0.95, 18), Tolerance);
        Assert.Equal(8.0 / 9, StepScaledConformal.PooledLevel(0.8, 9), Tolerance);

        // 18 origins of one step, residuals 1..18: the nominal 95 % of 18 ratios is the 18th (⌈17.1⌉), of 40 the 38th.
        var short18 = StepScaledConformal.Fit([0.95], 1, [.. Enumerable.Range(1, 18).Select(i => (double)i)]);
        var long40 = StepScaledConformal.Fit([0.95], 1, [.. Enumerable.Range(1, 40).Select(i => (double)i)]);

        Assert.Equal(18.0, short18.Radius(0, 0), Tolerance);
        Assert.Equal(39.0, long40.Radius(0, 0), Tolerance); // ⌈41·0.95⌉ = 39 of 40 origins: level 39/40 → 39th ratio
    }

    [Fact]
    public void Residuals_that_do_not_fill_whole_origins_are_refused()
    {
        Assert.Throws<ArgumentException>(() => StepScaledConformal.Fit([0.8], 3, [1, 2, 3, 4]));
    }

    private const double Tolerance = 1e-12;
}
