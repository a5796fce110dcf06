namespace Forecaster.Host.Configuration;

/// <summary>When cycles fire and when a model counts as stale.</summary>
public sealed class ScheduleOptions
{
    public const string SectionName = "Forecaster:Schedule";

    /// <summary>Quartz cron (seconds first); the default fires at the top of every hour.</summary>
    public string Cron { get; set; } = "0 0 * * * ?";

    /// <summary>Time zone the cron is read in; UTC keeps every instance on the same firing times.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>A model older than this is retrained even without new data.</summary>
    public TimeSpan MaxModelAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Train due series at start-up instead of waiting for the next firing.</summary>
    public bool CatchUpOnStart { get; set; } = true;

    /// <summary>
    /// Train a series as soon as its source notifies new data (channel <c>forecaster_new_data</c>). Null: only for
    /// the default <c>prices</c> table, which has the trigger; set true for a custom source with the trigger installed.
    /// </summary>
    public bool? ListenForNewData { get; set; }

    /// <summary>Longest wait between attempts to get the listening connection back; waits start at a second and double.</summary>
    public TimeSpan ListenRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A listening connection quiet this long is pinged, so a silently dropped connection is noticed.</summary>
    public TimeSpan ListenKeepAlive { get; set; } = TimeSpan.FromMinutes(1);
}
