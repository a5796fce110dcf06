namespace Forecaster.Core.Champion;

/// <summary>How seasons are found, how many networks are trained, and how the contenders are weighed before anything is
/// published.</summary>
public sealed record ChampionSettings
{
    /// <summary>
    /// Smallest relative MAE advantage over the baseline on the validation origins for which a contender may be
    /// published (0.01: at least 1 % better), on top of a significant edge (<see cref="GateConfidence"/>).
    /// </summary>
    public double MinimumImprovement { get; init; } = 0.01;

    /// <summary>
    /// One-sided confidence at which a contender's Diebold-Mariano edge over the baseline must be significant before it
    /// is published instead of the baseline. Noise on price series favours "no change", so doubt goes to the baseline.
    /// </summary>
    public double GateConfidence { get; init; } = 0.95;

    /// <summary>
    /// <see cref="GateConfidence"/> for a series on which a season was kept. A season that passed its own test on the
    /// training part is evidence of structure a random walk rarely shows, and there the seasonal baselines are seldom
    /// the best forecast: on the shared M4 Hourly half, series whose candidate's edge lay between the 80 % and 95 %
    /// critical values were forecast better by the candidate in two of three cases (OWA 0.465 → 0.454 at 0.8; price
    /// families of the bundled data unchanged, since they rarely keep a season).
    /// </summary>
    public double SeasonalGateConfidence { get; init; } = 0.8;

    /// <summary>
    /// Fewest validation origins on which a contender's edge can be judged significant; with fewer, the gate publishes the
    /// baseline (behind a seasonal baseline, the fixed <see cref="SeasonalCombination"/> still applies). The
    /// Diebold-Mariano variance is estimated from the origins' own autocorrelations, which a few overlapping origins
    /// understate: on monthly random walks of 80 and 123 points (fewer than 20 origins at h = 3) the 95 % gate published
    /// a contender for 14 % and 7.5 % of 200 walks, 0.5 % and 0 % with this minimum (walks of 200 points have enough
    /// origins and keep their 7.5 %). On the shared M4 half only the weekly series with 11 origins change (OWA equal to
    /// the third decimal); of the bundled price families only the monthly stocks (123 months): 1.020 → 1.000 relative
    /// to naive.
    /// </summary>
    public int MinimumValidationOrigins { get; init; } = 20;

    /// <summary>
    /// Share of the way from a seasonal baseline (seasonal naive or drift, when it validated best) to the best contender
    /// that is published when no contender's edge was significant, and the least share of a contender that passed the
    /// gate behind such a baseline (the gate's <c>seasonalCombination</c>); 0 publishes the baseline alone. A quarter: on
    /// the shared M4 half, OWA hourly 0.448 → 0.440 (60 series better, 35 worse; the floor on gated contenders then 10
    /// better, 7 worse) and weekly 0.712 → 0.705, bundled seasonal family MASE 0.493 → 0.439, price families unchanged;
    /// shares from 0.2 to 0.3 did within 0.001 of it on M4.
    /// </summary>
    public double SeasonalCombination { get; init; } = 0.25;

    /// <summary>Season in observations; null finds the seasons from the cadence and the data, 0 or 1 means none.</summary>
    public int? SeasonLength { get; init; }

    /// <summary>Cycles tried by detection; empty derives them from the series' cadence (a day and a week of hourly bars, a year of
    /// months…).</summary>
    public IReadOnlyList<double> SeasonCandidates { get; init; } = [];

    /// <summary>
    /// One-sided confidence at which a candidate cycle must improve cross-validated forecasts (a Diebold-Mariano test of a
    /// linear model with and without that cycle's anchor) before it is kept as a season.
    /// </summary>
    public double SeasonConfidence { get; init; } = 0.95;

    /// <summary>
    /// Networks trained per series (seeds differ); their median is the network's forecast. One by default: on the
    /// shared half of M4 Hourly and Weekly a median of three published forecasts no better (OWA equal to the third
    /// decimal) at about 1.6 times the training cost; more members pay where the network itself is published often.
    /// </summary>
    public int EnsembleSize { get; init; } = 1;

    /// <summary>
    /// When a season is found and timestamps are given, the network also gets the calendar position of every step
    /// (month of year for monthly and quarterly data, hour of week for intraday data).
    /// </summary>
    public bool CalendarInputs { get; init; } = true;
}
