using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Forecaster.Core.Validation;
using Forecaster.Core.Windowing;
using Xunit;

namespace Forecaster.Core.Tests.Windowing;

public sealed class WindowPlanTests
{
    [Theory]
    [InlineData(2000, 32, 5)]
    [InlineData(249, 32, 5)]
    [InlineData(500, 10, 1)]
    [InlineData(300, 16, 24)]
    public void No_validation_target_is_also_a_training_target_and_no_window_is_wasted(int points, int window, int horizon)
    {
        var plan = WindowPlan.Create(points, new TrainingSettings { Window = window, Horizon = horizon });
        var lastTrainingEnd = plan.FirstTrainingEnd + plan.TrainingWindows - 1;
        var lastValidationEnd = plan.FirstValidationEnd + plan.ValidationWindows - 1;

        // Targets of window e are values e+1..e+K.
        Assert.Equal(plan.FirstValidationEnd, lastTrainingEnd + horizon);
        Assert.Equal(plan.FirstValidationEnd, plan.LastTrainingTargetIndex(horizon));
        Assert.Equal(points - 1, lastValidationEnd + horizon);
        Assert.Equal(window, plan.FirstTrainingEnd);
        Assert.Equal(window, plan.Window);
    }

    [Fact]
    public void Validation_share_follows_the_fraction_with_a_minimum()
    {
        var settings = new TrainingSettings { Window = 32, Horizon = 5, ValidationFraction = 0.2, MinValidationWindows = 5 };

        Assert.Equal(393, WindowPlan.Create(2000, settings).ValidationWindows); // ⌈0.2 · 1963⌉
        Assert.Equal(
            12,
            WindowPlan.Create(100, settings with { Window = 4, ValidationFraction = 0.1, MinValidationWindows = 12 }).ValidationWindows);
    }

    [Fact]
    public void Short_real_series_shrinks_the_window_to_the_largest_that_fits()
    {
        var settings = new TrainingSettings { Window = 64, Horizon = 3 };
        var points = TestSeries.GoogMonthly().Length;

        var plan = WindowPlan.Create(points, settings);

        // 68 points, K = 3: W = 22 leaves 43 windows = 9 validation + 2 gap + 32 training.
        Assert.Equal(68, points);
        Assert.Equal(22, plan.Window);
        Assert.Equal(32, plan.TrainingWindows);
        Assert.Null(Record.Exception(() => WindowPlan.Create(points, settings with { Window = 22 })));
        Assert.Throws<ForecastInputException>(() => WindowPlan.Create(points, settings with { Window = 23, MinWindow = 23 }));
    }
}
