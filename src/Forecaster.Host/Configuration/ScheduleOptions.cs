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
}
