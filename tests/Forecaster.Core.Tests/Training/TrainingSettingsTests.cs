using Forecaster.Core.Features;
using Forecaster.Core.Training;
using Forecaster.Core.Validation;
using Xunit;

namespace Forecaster.Core.Tests.Training;

public sealed class TrainingSettingsTests
{
    [Fact]
    public void Defaults_are_valid_and_match_the_issue()
    {
        var settings = new TrainingSettings();

        Assert.Empty(settings.Validate());
        Assert.Equal((32, 5, 32, 64), (settings.Window, settings.Horizon, settings.HiddenSize, settings.BatchSize));
        Assert.Equal([0.8, 0.95], settings.IntervalLevels);
    }

    [Fact]
    public void Validate_reports_every_problem_with_setting_and_value()
    {
        var settings = new TrainingSettings
        {
            Window = 0,
            Horizon = 5000,
            LearningRate = double.NaN,
            ValidationFraction = 1.5,
            IntervalLevels = [0.8, 1.2],
            InputFeatures = [],
        };

        var problems = settings.Validate();

        Assert.Equal(
            ["Window", "Horizon", "LearningRate", "ValidationFraction", "IntervalLevels", "InputFeatures"],
            problems.Select(p => p.Setting));
        Assert.Contains(problems, p => p.Setting == "Window" && p.Value == "0");
        Assert.Contains(problems, p => p.Setting == "Horizon" && p.Value == "5000");
        Assert.Contains(problems, p => p.Setting == "LearningRate" && p.Value == "NaN");
        Assert.Contains(problems, p => p.Setting == "IntervalLevels" && p.Value == "[0.8, 1.2]");
    }

    [Fact]
    public void EnsureValid_throws_a_reasoned_exception_listing_the_problems()
    {
        var settings = new TrainingSettings { HiddenSize = -1, Patience = 0, WarmStartPatience = 0 };

        var error = Assert.Throws<ForecastInputException>(settings.EnsureValid);

        Assert.Equal(ForecastInputError.InvalidSettings, error.Reason);
        Assert.Equal(["HiddenSize", "Patience", "WarmStartPatience"], error.SettingProblems.Select(p => p.Setting));
        Assert.Contains("HiddenSize = -1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Window_below_minimum_window_and_duplicate_features_are_refused()
    {
        var settings = new TrainingSettings {
            Window = 3,
            MinWindow = 4,
            InputFeatures = [InputFeatureKind.ScaledReturn, InputFeatureKind.ScaledReturn] };

        Assert.Equal(["Window", "InputFeatures"], settings.Validate().Select(p => p.Setting));
    }

    [Fact]
    public void Settings_compare_by_value_including_lists()
    {
        Assert.Equal(new TrainingSettings { IntervalLevels = [0.5] }, new TrainingSettings { IntervalLevels = [0.5] });
        Assert.NotEqual(new TrainingSettings { IntervalLevels = [0.5] }, new TrainingSettings { IntervalLevels = [0.6] });
    }
}
