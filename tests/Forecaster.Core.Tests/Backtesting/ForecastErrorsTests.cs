using Forecaster.Core.Backtesting;
using Xunit;

namespace Forecaster.Core.Tests.Backtesting;

public sealed class ForecastErrorsTests
{
    [Fact]
    public void In_sample_scale_is_the_mean_absolute_one_step_change_over_the_window()
    {
        // Changes 2, −1, 4, −3: over the whole history 10/4; over the last 3 points |4| and |−3| → 3.5.
        double[] history = [10, 12, 11, 15, 12];

        Assert.Equal(2.5, ForecastErrors.InSampleScale(history, 1000));
        Assert.Equal(3.5, ForecastErrors.InSampleScale(history, 3));
    }

    [Fact]
    public void MASE_divides_the_MAE_over_the_steps_by_the_scale()
    {
        // Absolute errors 1, 2, 6 → MAE 3; scale 2 → 1.5.
        Assert.Equal(1.5, ForecastErrors.Mase([11, 10, 14], [10, 12, 20], scale: 2));
        Assert.True(double.IsNaN(ForecastErrors.Mase([1], [2], scale: 0)));
    }

    [Fact]
    public void SMAPE_is_two_hundred_times_the_error_over_the_sum_of_magnitudes()
    {
        // 200·20/(90+110) = 20; an exact step 0; both zero counts as exact → mean 20/3.
        Assert.Equal(20.0 / 3, ForecastErrors.Smape([90, 50, 0], [110, 50, 0]), 12);
    }

    [Fact]
    public void Direction_counts_only_steps_where_forecast_and_actual_both_move()
    {
        // From 100: up/up hit, up/down miss, flat forecast ignored, down/flat actual ignored, down/down hit.
        var (hits, counted) = ForecastErrors.Direction(100, [101, 102, 100, 99, 98], [105, 97, 103, 100, 90]);

        Assert.Equal(2, hits);
        Assert.Equal(3, counted);
    }

    [Fact]
    public void Coverage_includes_both_bounds()
    {
        Assert.Equal(3, ForecastErrors.Covered([9, 9, 9, 9], [11, 11, 11, 11], [9, 11, 10, 11.5]));
    }

    [Fact]
    public void Interval_score_is_the_width_plus_two_over_alpha_times_each_miss()
    {
        // 95 %: α = 0.05, so a miss costs 40 times its distance. Widths 2; misses of 0.5 below and 1 above.
        var score = ForecastErrors.IntervalScore([9, 9, 9], [11, 11, 11], [10, 8.5, 12], 0.95);

        Assert.Equal((2 + (2 + (40 * 0.5)) + (2 + (40 * 1))) / 3.0, score, 12);
    }
}
