using System.Globalization;

namespace Forecaster.Core.Validation;

/// <summary>Checks raw values before any scaling, so errors name the caller's index and value.</summary>
internal static class SeriesValidator
{
    // indexOffset: where the checked span starts in the caller's span, so messages point at the caller's index.
    public static void RequireFinite(ReadOnlySpan<double> values, int indexOffset)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ForecastInputException(
                    ForecastInputError.NonFiniteValue,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Value at index {i + indexOffset} is {values[i]}; every value must be finite."),
                    i + indexOffset);
            }
        }
    }

    public static void RequirePositive(ReadOnlySpan<double> values, int indexOffset)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] <= 0)
            {
                throw new ForecastInputException(
                    ForecastInputError.NonPositiveValue,
                    string.Create(CultureInfo.InvariantCulture, $"Value at index {i + indexOffset} is {values[i]}; " +
                        $"log-return scaling needs every value > 0 (use Differences or Auto scaling)."),
                    i + indexOffset);
            }
        }
    }

    public static bool AllPositive(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (value <= 0)
            {
                return false;
            }
        }

        return true;
    }

    public static void RequireVariation(ReadOnlySpan<double> values)
    {
        if (values.Length > 0 && values.IndexOfAnyExcept(values[0]) < 0)
        {
            throw new ForecastInputException(
                ForecastInputError.ConstantSeries,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"All {values.Length} values equal {values[0]}; a constant series has nothing to learn."));
        }
    }
}
