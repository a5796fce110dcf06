using Forecaster.Core.Training;

namespace Forecaster.Core.Validation;

/// <summary>
/// Bad input to training or forecasting. Carries a machine-readable <see cref="Reason"/> so the host can
/// record why a series was skipped without parsing messages.
/// </summary>
public sealed class ForecastInputException : Exception
{
    public ForecastInputException(ForecastInputError reason, string message, int? valueIndex = null)
        : base(message)
    {
        Reason = reason;
        ValueIndex = valueIndex;
        SettingProblems = [];
    }

    public ForecastInputException(IReadOnlyList<SettingProblem> settingProblems)
        : base("Invalid training settings: " + string.Join("; ", settingProblems))
    {
        Reason = ForecastInputError.InvalidSettings;
        SettingProblems = settingProblems;
    }

    public ForecastInputError Reason { get; }

    /// <summary>Position of the offending value in the caller's span, when one value is to blame.</summary>
    public int? ValueIndex { get; }

    public IReadOnlyList<SettingProblem> SettingProblems { get; }
}
