using Forecaster.Core.Champion;
using Forecaster.Core.Models;

namespace Forecaster.Core.Pipeline;

/// <summary>A forecast with the calendar slot of every step, ready to publish.</summary>
public sealed record StampedForecast(ForecastMethod Method, SeriesForecast Forecast, IReadOnlyList<DateTime> Targets);
