using Forecaster.Data.Accuracy;

namespace Forecaster.Host.Cycle;

/// <summary>
/// One cycle as seen by this instance: the series it handled, plus how many were not due at all, and the scoring
/// pass it started with (null when there was none) with its wall time.
/// </summary>
public sealed record CycleSummary(
    IReadOnlyList<SeriesResult> Results, int Due, int NotDue, TimeSpan Elapsed, ScoringPass? Scoring = null,
    TimeSpan ScoringElapsed = default)
{
    public int Count(SeriesOutcome outcome) => Results.Count(result => result.Outcome == outcome);

    /// <summary>Series skipped by the cycle: not due, plus runs skipped for a recorded reason.</summary>
    public int Skipped => NotDue + Count(SeriesOutcome.Skipped);

    public bool Succeeded => Count(SeriesOutcome.Failed) == 0 && Count(SeriesOutcome.Cancelled) == 0;
}
