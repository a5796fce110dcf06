namespace Forecaster.Data.Results;

/// <summary>One step of the latest published forecast of a series (a row of the <c>latest_forecasts</c> view).</summary>
public sealed record PublishedForecast(
    string SeriesKey,
    long RunId,
    int Step,
    DateTime TargetTimestamp,
    double Value,
    double? Lower80,
    double? Upper80,
    double? Lower95,
    double? Upper95,
    DateTime PublishedAt,
    int? ModelVersion);
