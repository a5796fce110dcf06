namespace Forecaster.Core.Champion;

/// <summary>How the network is weighed against the baselines before anything is published.</summary>
public sealed record ChampionSettings
{
    /// <summary>
    /// Share by which the network's validation MAE must undercut the best baseline's to be published
    /// (0.01: at least 1 % better). Noise on price series favours "no change", so a tie goes to the baseline.
    /// </summary>
    public double MinimumImprovement { get; init; } = 0.01;

    /// <summary>Season in observations; null detects it from history, 0 or 1 means none.</summary>
    public int? SeasonLength { get; init; }

    /// <summary>Lags tried by detection: quarters and months in a year, hours and half-hours in a day and a week, days in a week.</summary>
    public IReadOnlyList<int> SeasonCandidates { get; init; } = [4, 5, 7, 12, 24, 48, 168, 336];

    /// <summary>Autocorrelation of changes at a candidate lag needed to call it a season.</summary>
    public double SeasonThreshold { get; init; } = 0.3;

    /// <summary>
    /// When a season is found and timestamps are given, the network also gets the calendar position of every step
    /// (month of year for seasons of 4 or 12, hour of week for 24, 48, 168 or 336); other seasons get none.
    /// </summary>
    public bool CalendarInputs { get; init; } = true;
}
