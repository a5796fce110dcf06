namespace Forecaster.Core.Champion;

/// <summary>
/// Which method is published and why. <see cref="Margin"/> is the network's relative MAE advantage over the
/// best baseline on the validation tail, <c>1 − rnnMae / baselineMae</c>: positive when it validated better,
/// negative when it lost (it is published only when the margin reaches the configured minimum).
/// </summary>
public sealed record ChampionDecision(
    ForecastMethod Champion,
    double RnnMae,
    ForecastMethod BestBaseline,
    double BaselineMae,
    double Margin)
{
    public static ChampionDecision Choose(double rnnMae, IReadOnlyList<BaselineScore> baselines, double minimumImprovement)
    {
        ArgumentNullException.ThrowIfNull(baselines);
        var best = baselines.MinBy(baseline => baseline.Mae)
            ?? throw new ArgumentException("At least the naive baseline is needed.", nameof(baselines));

        // Both exact (a constant validation tail) is a tie, and a tie goes to the baseline.
        var margin = best.Mae > 0 ? 1 - (rnnMae / best.Mae) : (rnnMae > 0 ? double.NegativeInfinity : 0);
        var rnnWins = double.IsFinite(rnnMae) && margin >= minimumImprovement && margin > 0;
        return new ChampionDecision(rnnWins ? ForecastMethod.Rnn : best.Method, rnnMae, best.Method, best.Mae, margin);
    }
}
