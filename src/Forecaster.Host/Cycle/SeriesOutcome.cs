namespace Forecaster.Host.Cycle;

/// <summary>What a cycle did with one series; also the <c>outcome</c> attribute of the outcomes counter.</summary>
public enum SeriesOutcome
{
    Trained,
    Failed,
    Skipped,
    Cancelled,
}
