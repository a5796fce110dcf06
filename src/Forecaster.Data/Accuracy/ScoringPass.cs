namespace Forecaster.Data.Accuracy;

/// <summary>
/// One step of one run that a scoring pass changed. <see cref="Kind"/> is <c>published</c> or <c>shadow</c>;
/// <see cref="Status"/> is <c>scored</c> or <c>missing</c>; <see cref="Revised"/> is true when the step had
/// been scored before (a revised actual), false for its first score (including a late actual of a missing step).
/// Error values are null when missing or when the run has no naive scale.
/// </summary>
public sealed record ScoredPoint(
    string SeriesKey,
    string Kind,
    string? Method,
    int Step,
    string Status,
    bool Revised,
    double? ScaledError,
    double? NaiveScaledError,
    bool? Covered80,
    bool? Covered95)
{
    public bool IsScored => Status == "scored";

    public bool IsPublished => Kind == ScoreSheet.Published;

    /// <summary>A forecast of one of the gate's candidates (the network or the linear base), published or shadow: what demotion weighs
    /// against naive.</summary>
    public bool IsCandidate => ScoreSheet.IsCandidate(Method);
}

/// <summary>
/// What one scoring pass did. <see cref="Ran"/> is false when another instance was scoring at the same moment
/// (the pass is then left to it). <see cref="SeriesScored"/> counts active series with at least one scored
/// published step in the retained window, <see cref="SeriesDemoted"/> active series publishing a baseline for their live
/// accuracy; <see cref="SeriesChecked"/> the series whose source moved past the watermark.
/// </summary>
public sealed record ScoringPass(bool Ran, IReadOnlyList<ScoredPoint> Changed, int SeriesChecked, int SeriesScored, int SeriesDemoted)
{
    public static ScoringPass Skipped { get; } = new(false, [], 0, 0, 0);

    /// <summary>
    /// Published steps that became <paramref name="status"/> (shadow steps are in <see cref="Changed"/> only), as the
    /// views count them.
    /// </summary>
    public int Count(string status, bool revised = false) =>
        Changed.Count(point => point.IsPublished && point.Status == status && point.Revised == revised);
}
