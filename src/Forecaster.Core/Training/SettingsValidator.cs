using System.Globalization;
using Forecaster.Core.Features;
using Forecaster.Core.Rnn;
using Forecaster.Core.Scaling;

namespace Forecaster.Core.Training;

internal static class SettingsValidator
{
    public static IReadOnlyList<SettingProblem> Validate(TrainingSettings s)
    {
        var problems = new List<SettingProblem>();
        RequireRange(problems, nameof(s.MinWindow), s.MinWindow, 2, TrainingSettings.MaxWindow);
        RequireRange(problems, nameof(s.Window), s.Window, Math.Max(2, s.MinWindow), TrainingSettings.MaxWindow);
        RequireRange(problems, nameof(s.Horizon), s.Horizon, 1, TrainingSettings.MaxHorizon);
        RequireRange(problems, nameof(s.HiddenSize), s.HiddenSize, 1, TrainingSettings.MaxHiddenSize);
        RequireRange(problems, nameof(s.BatchSize), s.BatchSize, 1, TrainingSettings.MaxBatchSize);
        RequireRange(problems, nameof(s.MaxEpochs), s.MaxEpochs, 0, 100_000);
        RequireRange(problems, nameof(s.Patience), s.Patience, 1, 100_000);
        RequireRange(problems, nameof(s.WarmStartPatience), s.WarmStartPatience, 1, 100_000);
        RequireRange(problems, nameof(s.MinTrainingWindows), s.MinTrainingWindows, 1, 1_000_000);
        RequireRange(problems, nameof(s.MinValidationWindows), s.MinValidationWindows, 2, 1_000_000);
        RequireRange(problems, nameof(s.TruncationLength), s.TruncationLength, 0, TrainingSettings.MaxWindow);
        RequireRange(problems, nameof(s.MaxTrainingPoints), s.MaxTrainingPoints, 16, 100_000_000);
        RequireOpenPositive(problems, nameof(s.LearningRate), s.LearningRate);
        RequireOpenPositive(problems, nameof(s.HuberDelta), s.HuberDelta);
        RequireOpenPositive(problems, nameof(s.InputClip), s.InputClip);
        if (!double.IsFinite(s.GradientClipNorm) || s.GradientClipNorm < 0)
        {
            problems.Add(Problem(nameof(s.GradientClipNorm), s.GradientClipNorm, "must be finite and >= 0 (0 = no clipping)"));
        }

        if (!(s.Momentum >= 0 && s.Momentum < 1))
        {
            problems.Add(Problem(nameof(s.Momentum), s.Momentum, "must be in [0, 1)"));
        }

        if (!(s.ValidationFraction > 0 && s.ValidationFraction <= 0.9))
        {
            problems.Add(Problem(nameof(s.ValidationFraction), s.ValidationFraction, "must be in (0, 0.9]"));
        }

        RequireDefined(problems, nameof(s.Optimizer), s.Optimizer);
        RequireDefined(problems, nameof(s.Loss), s.Loss);
        RequireDefined(problems, nameof(s.Scaling), s.Scaling);
        ValidateLevels(problems, s.IntervalLevels);
        ValidateFeatures(problems, s.InputFeatures);
        return problems;
    }

    private static void ValidateLevels(List<SettingProblem> problems, IReadOnlyList<double>? levels)
    {
        const string name = nameof(TrainingSettings.IntervalLevels);
        if (levels is null)
        {
            problems.Add(new SettingProblem(name, "null", "must be a list (it may be empty)"));
            return;
        }

        var shown = string.Join(", ", levels.Select(l => l.ToString("R", CultureInfo.InvariantCulture)));
        if (levels.Any(l => !(l > 0 && l < 1)))
        {
            problems.Add(new SettingProblem(name, $"[{shown}]", "every level must be in (0, 1)"));
        }

        if (levels.Distinct().Count() != levels.Count)
        {
            problems.Add(new SettingProblem(name, $"[{shown}]", "levels must be distinct"));
        }
    }

    private static void ValidateFeatures(List<SettingProblem> problems, IReadOnlyList<InputFeatureKind>? features)
    {
        const string name = nameof(TrainingSettings.InputFeatures);
        if (features is null || features.Count == 0 || features[0] != InputFeatureKind.ScaledReturn)
        {
            problems.Add(
                new SettingProblem(name, features is null ? "null" : $"[{string.Join(", ", features)}]", "must start with ScaledReturn"));
            return;
        }

        if (features.Any(f => !Enum.IsDefined(f)) || features.Distinct().Count() != features.Count)
        {
            problems.Add(new SettingProblem(name, $"[{string.Join(", ", features)}]", "must hold known, distinct feature kinds"));
        }
    }

    private static void RequireRange(List<SettingProblem> problems, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add(Problem(name, value, string.Create(CultureInfo.InvariantCulture, $"must be in [{min}, {max}]")));
        }
    }

    private static void RequireOpenPositive(List<SettingProblem> problems, string name, double value)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            problems.Add(Problem(name, value, "must be finite and > 0"));
        }
    }

    private static void RequireDefined<TEnum>(List<SettingProblem> problems, string name, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            problems.Add(new SettingProblem(name, value.ToString(), $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())}"));
        }
    }

    private static SettingProblem Problem(string name, double value, string requirement) =>
        new(name, value.ToString("R", CultureInfo.InvariantCulture), requirement);

    private static SettingProblem Problem(string name, int value, string requirement) =>
        new(name, value.ToString(CultureInfo.InvariantCulture), requirement);
}
