namespace Forecaster.Host.Configuration;

/// <summary>How much run history is kept; the latest published run per series is never pruned.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Forecaster:Retention";

    public int KeepRuns { get; set; } = 20;

    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(90);
}
