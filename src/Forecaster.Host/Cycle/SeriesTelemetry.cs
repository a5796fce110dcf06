using Forecaster.Host.Telemetry;

namespace Forecaster.Host.Cycle;

/// <summary>
/// How a series' result reaches the metrics. It lives with the cycle, not in Telemetry, so the instruments' holder
/// never depends on the cycle's types (the cycle depends on it).
/// </summary>
internal static class SeriesTelemetry
{
    /// <summary>Counts the outcome and returns the result, so call sites stay one expression.</summary>
    public static SeriesResult Record(this ForecasterTelemetry telemetry, SeriesResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        telemetry.RecordSeries(result.SeriesKey, OutcomeName(result.Outcome), result.ForecastPoints);
        return result;
    }

    private static string OutcomeName(SeriesOutcome outcome) => outcome switch
    {
        SeriesOutcome.Trained => "trained",
        SeriesOutcome.Failed => "failed",
        SeriesOutcome.Skipped => "skipped",
        _ => "cancelled",
    };
}
