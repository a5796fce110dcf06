using Microsoft.Extensions.Logging;

namespace Forecaster.Host.Logging;

/// <summary>The new-data listener's lines, kept beside it; event ids 50–59.</summary>
internal static partial class HostLog
{
    [LoggerMessage(50, LogLevel.Information, "Listening for new data on channel {Channel}")]
    public static partial void ListeningForNewData(ILogger logger, string channel);

    [LoggerMessage(51, LogLevel.Warning, "Listening for new data failed; reconnecting in {RetryAfter}")]
    public static partial void ListeningFailed(ILogger logger, TimeSpan retryAfter, Exception exception);

    [LoggerMessage(52, LogLevel.Debug, "New data made {Count} series due")]
    public static partial void NewDataDue(ILogger logger, int count);
}
