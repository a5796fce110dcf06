using Forecaster.Core.Calendar;
using Forecaster.Core.Validation;
using Forecaster.Data.Scheduling;

namespace Forecaster.Host.Cycle;

/// <summary>A series' cadence from its own settings: its declared <c>cadence</c> or the inferred one, in its <c>time_zone</c>.</summary>
internal static class SeriesCalendar
{
    /// <summary>
    /// The cadence of <paramref name="series"/>: its declared <c>cadence</c>, or the one inferred from its stamps, read in its
    /// <c>time_zone</c> (null: UTC). Null when neither is set, so the pipeline infers it as before.
    /// </summary>
    /// <exception cref="ForecastInputException">The time zone is unknown here, or the declared cadence mixes months
    /// with days (invalid_settings).</exception>
    public static Cadence? CadenceOf(SeriesSettings series, IReadOnlyList<DateTime> timestamps)
    {
        var zone = TimeZoneOf(series);
        if (series.Cadence is not { } declared)
        {
            return zone is null ? null : CadenceInference.Infer(timestamps, zone);
        }

        if (declared.Months != 0 && (declared.Days != 0 || declared.Time != TimeSpan.Zero))
        {
            throw new ForecastInputException(
                ForecastInputError.InvalidSettings, $"cadence {declared} mixes months with days or time; declare whole " +
                    $"months or a duration.");
        }

        return CadenceInference.Declared(declared.Months, TimeSpan.FromDays(declared.Days) + declared.Time, timestamps, zone);
    }

    private static TimeZoneInfo? TimeZoneOf(SeriesSettings series)
    {
        if (series.TimeZone is not { } name)
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // The database accepted the name (its own IANA copy); this machine's time zone data does not have it.
            throw new ForecastInputException(
                ForecastInputError.InvalidSettings,
                $"Time zone '{name}' is not known on this machine: {e.Message}");
        }
    }
}
