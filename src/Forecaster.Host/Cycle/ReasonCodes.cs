using Forecaster.Core.Validation;

namespace Forecaster.Host.Cycle;

/// <summary>Stable, query-friendly <c>reason_code</c> values for the core's input errors.</summary>
internal static class ReasonCodes
{
    public static string For(ForecastInputError error) => error switch
    {
        ForecastInputError.NonFiniteValue => "non_finite_value",
        ForecastInputError.NonPositiveValue => "non_positive_value",
        ForecastInputError.SeriesTooShort => "series_too_short",
        ForecastInputError.ConstantSeries => "constant_series",
        ForecastInputError.InvalidSettings => "invalid_settings",
        ForecastInputError.InsufficientHistory => "insufficient_history",
        ForecastInputError.InvalidValues => "invalid_values",
        _ => "invalid_input",
    };
}
