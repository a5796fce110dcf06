using Forecaster.Core.Validation;

namespace Forecaster.Host.Cycle;

/// <summary>Stable, query-friendly <c>reason_code</c> values for the core's input errors.</summary>
internal static class ReasonCodes
{
    public static string For(ForecastInputError error) => error switch
    {
        ForecastInputError.NonFiniteValue => "non_finite_value",
        ForecastInputError.NonPositiveValue => "non_positive_value",
        ForecastInputError.SeriesTooShort => HistoryCleaner.TooShortReason,
        ForecastInputError.ConstantSeries => "constant_series",
        ForecastInputError.InvalidSettings => "invalid_settings",
        ForecastInputError.InsufficientHistory => "insufficient_history",
        _ => "invalid_input",
    };
}
