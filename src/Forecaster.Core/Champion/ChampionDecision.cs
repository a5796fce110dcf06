using Forecaster.Core.Statistics;

namespace Forecaster.Core.Champion;

/// <summary>
/// Which forecast is published and why. The baseline is the better of naive and seasonal naive on the validation
/// origins; the candidate is the contender (network, linear) with the strongest Diebold-Mariano edge over it. The
/// candidate is published only when that edge is significant at the configured confidence on enough origins to judge it,
/// it beats the baseline at more origins than it loses (so a few extreme origins, such as bad ticks, cannot carry the
/// mean), and its MAE advantage (<see cref="Margin"/>) reaches the configured minimum. Even then it is shrunk toward the
/// baseline by the positive-part James-Stein factor <see cref="Weight"/> = 1 − 1/DM², so an edge little larger than its
/// noise moves the forecast less.
/// </summary>
/// <remarks>
/// Behind a seasonal baseline every step moves at least <see cref="Floor"/> of the way to the candidate, and when no edge
/// is significant there the candidate may still be published <see cref="Combined"/>: moved just that fixed share (see
/// <c>seasonalCombination</c>). A candidate that passed the gate never moves the forecast less than one that did not.
/// </remarks>
public sealed record ChampionDecision(
    ForecastMethod Champion,
    ForecastMethod Baseline,
    double BaselineMae,
    ForecastMethod Candidate,
    double CandidateMae,
    double Statistic,
    double Weight,
    bool Combined = false,
    double Floor = 0)
{
    /// <summary>The candidate's relative MAE advantage over the baseline, <c>1 − candidate / baseline</c>; negative when it lost.</summary>
    public double Margin => BaselineMae > 0 ? 1 - (CandidateMae / BaselineMae) : (CandidateMae > 0 ? double.NegativeInfinity : 0);

    /// <param name="baselines">Naive and, where a season was found, seasonal naive.</param>
    /// <param name="candidates">Contenders that may replace the baseline.</param>
    /// <param name="confidence">One-sided confidence the candidate's edge must be significant at, in (0.5, 1).</param>
    /// <param name="minimumImprovement">Smallest relative MAE advantage worth publishing a candidate for.</param>
    /// <param name="seasonalCombination">
    /// Share of the way from a seasonal baseline (seasonal naive or drift, when it validated best) to the candidate that
    /// is published when the candidate's edge is not significant, provided the candidate beat naive on the validation
    /// origins; 0 publishes the baseline alone. A season the baseline repeats better than a random walk is structure, and
    /// a few validation origins, which overlap when the horizon is long, cannot tell which of two models of it will
    /// forecast better; a fixed share of each then beats either alone more often than weights estimated on so little
    /// (the forecast combination puzzle).
    /// </param>
    /// <param name="minimumOrigins">Fewest validation origins on which an edge can be significant: the test's variance
    /// estimate, made from the origins' own autocorrelations, is too small on fewer.</param>
    public static ChampionDecision Choose(
        ValidationPanel panel, IReadOnlyList<ForecastMethod> baselines, IReadOnlyList<ForecastMethod> candidates, double confidence,
        double minimumImprovement, double seasonalCombination = 0, int minimumOrigins = 0)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(baselines);
        ArgumentNullException.ThrowIfNull(candidates);
        var baseline = baselines.MinBy(method => panel.Mae(panel.Forecasts(method)));
        var baselineLosses = panel.OriginLosses(panel.Forecasts(baseline));
        var baselineMae = baselineLosses.Average();
        var best = (Method: baseline, Mae: baselineMae, Statistic: 0.0);
        foreach (var candidate in candidates)
        {
            var losses = panel.OriginLosses(panel.Forecasts(candidate));
            var statistic = DieboldMariano.Statistic(baselineLosses, losses, panel.Horizon);
            if (best.Method == baseline || statistic > best.Statistic)
            {
                best = (candidate, losses.Average(), statistic);
            }
        }

        var critical = NormalDistribution.Quantile(confidence);
        var decision = new ChampionDecision(baseline, baseline, baselineMae, best.Method, best.Mae, best.Statistic, 0);
        var wins = best.Method != baseline
            && panel.Origins >= minimumOrigins
            && best.Statistic > critical
            && decision.Margin >= minimumImprovement
            && WinsMostOrigins(baselineLosses, panel.OriginLosses(panel.Forecasts(best.Method)));
        var floor = IsSeasonal(baseline) ? seasonalCombination : 0;
        if (wins)
        {
            return decision with
            {
                Champion = best.Method,
                Weight = double.IsPositiveInfinity(best.Statistic) ? 1 : Math.Max(0, 1 - (1 / (best.Statistic * best.Statistic))),
                Floor = floor,
            };
        }

        return floor > 0 && best.Method != baseline && BeatsNaive(panel, best.Mae)
            ? decision with { Champion = best.Method, Combined = true, Floor = floor }
            : decision;
    }

    private static bool IsSeasonal(ForecastMethod baseline) => baseline is ForecastMethod.SeasonalNaive or ForecastMethod.SeasonalDrift;

    /// <summary>A contender that forecast the validation origins worse than the random walk is not worth mixing in.</summary>
    private static bool BeatsNaive(ValidationPanel panel, double candidateMae) =>
        panel.Contains(ForecastMethod.Naive) && candidateMae < panel.Mae(panel.Forecasts(ForecastMethod.Naive));

    private static bool WinsMostOrigins(ReadOnlySpan<double> baselineLosses, ReadOnlySpan<double> candidateLosses)
    {
        var balance = 0;
        for (var i = 0; i < baselineLosses.Length; i++)
        {
            balance += Math.Sign(baselineLosses[i] - candidateLosses[i]);
        }

        return balance > 0;
    }
}
