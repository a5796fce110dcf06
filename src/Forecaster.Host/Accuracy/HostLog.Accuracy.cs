using Microsoft.Extensions.Logging;

namespace Forecaster.Host.Logging;

/// <summary>Live accuracy's lines, kept beside it; event ids 400–449.</summary>
internal static partial class HostLog
{
    [LoggerMessage(400, LogLevel.Information, "Scored {Scored} step(s), {Missing} missing, {Revised} revised; {Checked} " +
        "series had new data, {SeriesScored} series scored ({Elapsed})")]
    public static partial void Scored(
        ILogger logger,
        int scored,
        int missing,
        int revised,
        int @checked,
        int seriesScored,
        TimeSpan elapsed);

    [LoggerMessage(401, LogLevel.Warning, "Scoring forecasts against actuals failed; the next cycle tries again")]
    public static partial void ScoringFailed(ILogger logger, Exception exception);

    [LoggerMessage(402, LogLevel.Information, "Another instance is scoring forecasts; this cycle leaves the pass to it")]
    public static partial void ScoringBusy(ILogger logger);

    [LoggerMessage(410, LogLevel.Warning, "{SeriesKey}: demoted, the network's live errors are worse than naive's over " +
        "{Points} scored steps (Diebold-Mariano {Statistic:F2}, p = {PValue:G3}); it publishes the best baseline until " +
        "the network wins again")]
    public static partial void Demoted(ILogger logger, string seriesKey, int points, double statistic, double pValue);

    [LoggerMessage(411, LogLevel.Information, "{SeriesKey}: reinstated, the network's shadow forecasts beat naive's since the demotion")]
    public static partial void Reinstated(ILogger logger, string seriesKey);

    [LoggerMessage(412, LogLevel.Warning, "Judging live accuracy for demotion failed; the next cycle tries again")]
    public static partial void DemotionFailed(ILogger logger, Exception exception);
}
