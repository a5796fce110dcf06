namespace Forecaster.Data.Runs;

/// <summary>Lifecycle of a training run; stored as the lower-case name (a CHECK constraint lists them).</summary>
public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Skipped,
}

internal static class RunStatusText
{
    public static string ToText(this RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.Cancelled => "cancelled",
        RunStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static RunStatus Parse(string text) => text switch
    {
        "running" => RunStatus.Running,
        "succeeded" => RunStatus.Succeeded,
        "failed" => RunStatus.Failed,
        "cancelled" => RunStatus.Cancelled,
        "skipped" => RunStatus.Skipped,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "Unknown run status."),
    };
}
