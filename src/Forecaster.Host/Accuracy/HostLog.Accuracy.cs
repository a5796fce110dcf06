using Microsoft.Extensions.Logging;

namespace Forecaster.Host.Logging;

/// <summary>Live accuracy's lines, kept beside it; event ids 400–449.</summary>
internal static partial class HostLog
{
    [LoggerMessage(400, LogLevel.Information, "Scored {Scored} step(s), {Missing} missing, {Revised} revised; {Checked} series had new data, {SeriesScored} series scored ({Elapsed})")]
    public static partial void Scored(ILogger logger, int scored, int missing, int revised, int @checked, int seriesScored, TimeSpan elapsed);

    [LoggerMessage(401, LogLevel.Warning, "Scoring forecasts against actuals failed; the next cycle tries again")]
    public static partial void ScoringFailed(ILogger logger, Exception exception);

    [LoggerMessage(402, LogLevel.Information, "Another instance is scoring forecasts; this cycle leaves the pass to it")]
    public static partial void ScoringBusy(ILogger logger);
}
