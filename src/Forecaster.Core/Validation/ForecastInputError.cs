namespace Forecaster.Core.Validation;

/// <summary>Why a series, a setting or a forecast request was refused; the host records it per series.</summary>
public enum ForecastInputError
{
    /// <summary>A value is NaN or infinite.</summary>
    NonFiniteValue = 1,

    /// <summary>A value is zero or negative while log-return scaling was requested.</summary>
    NonPositiveValue = 2,

    /// <summary>Even the smallest allowed window leaves too few training or validation windows.</summary>
    SeriesTooShort = 3,

    /// <summary>Every value is the same (or the training part has no variation), so returns cannot be standardized.</summary>
    ConstantSeries = 4,

    /// <summary>One or more training settings are out of range; see <see cref="ForecastInputException.SettingProblems"/>.</summary>
    InvalidSettings = 5,

    /// <summary>Fewer recent values than the model needs to forecast.</summary>
    InsufficientHistory = 6,

    /// <summary>Too many values that cannot be a price (non-finite, zero or negative) for the cleaning policy.</summary>
    InvalidValues = 7,
}
