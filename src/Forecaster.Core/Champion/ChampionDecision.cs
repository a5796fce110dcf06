using Forecaster.Core.Statistics;

namespace Forecaster.Core.Champion;

/// <summary>
/// Which forecast is published and why. The baseline is the better of naive and seasonal naive on the validation
/// origins; the candidate is the contender (network, linear) with the strongest Diebold-Mariano edge over it. The
/// candidate is published only when that edge is significant at the configured confidence, it beats the baseline at
/// more origins than it loses (so a few extreme origins, such as bad ticks, cannot carry the mean), and its MAE
/// advantage (<see cref="Margin"/>) reaches the configured minimum. Even then it is shrunk toward the baseline by the
/// positive-part James-Stein factor <see cref="Weight"/> = 1 − 1/DM², so an edge little larger than its noise moves the
/// forecast less.
/// </summary>
public sealed record ChampionDecision(
    ForecastMethod Champion,
    ForecastMethod Baseline,
    double BaselineMae,
    ForecastMethod Candidate,
    double CandidateMae,
    double Statistic,
    double Weight)
{
    /// <summary>The candidate's relative MAE advantage over the baseline, <c>1 − candidate / baseline</c>; negative when it lost.</summary>
    public double Margin => BaselineMae > 0 ? 1 - (CandidateMae / BaselineMae) : (CandidateMae > 0 ? double.NegativeInfinity : 0);

    /// <param name="baselines">Naive and, where a season was found, seasonal naive.</param>
    /// <param name="candidates">Contenders that may replace the baseline.</param>
    /// <param name="confidence">One-sided confidence the candidate's edge must be significant at, in (0.5, 1).</param>
    /// <param name="minimumImprovement">Smallest relative MAE advantage worth publishing a candidate for.</param>
    public static ChampionDecision Choose(
        ValidationPanel panel, IReadOnlyList<ForecastMethod> baselines, IReadOnlyList<ForecastMethod> candidates, double confidence,
        double minimumImprovement)
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
            && best.Statistic > critical
            && decision.Margin >= minimumImprovement
            && WinsMostOrigins(baselineLosses, panel.OriginLosses(panel.Forecasts(best.Method)));
        return wins
            ? decision with { Champion = best.Method, Weight = double.IsPositiveInfinity(best.Statistic) ? 1 : Math.Max(0,
                1 - (1 / (best.Statistic * best.Statistic))) }
            : decision;
    }

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
