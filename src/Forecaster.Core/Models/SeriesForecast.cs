namespace Forecaster.Core.Models;

/// <summary>K point forecasts in price units, with one interval band per configured level.</summary>
public sealed record SeriesForecast(IReadOnlyList<double> Values, IReadOnlyList<PredictionInterval> Intervals);

/// <summary>Lower and upper price bounds per step for one central coverage level (e.g. 0.8).</summary>
public sealed record PredictionInterval(double Level, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper);
