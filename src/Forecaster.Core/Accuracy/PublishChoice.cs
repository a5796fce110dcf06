using Forecaster.Core.Champion;

namespace Forecaster.Core.Accuracy;

/// <summary>
/// What a run publishes, given the champion gate's decision and the series' live-accuracy demotion: a demoted series
/// whose candidate (the network or the linear base) won the gate publishes the baseline instead, with
/// <see cref="DemotedReason"/>. What the gate chose is then the run's shadow, scored like a published forecast so the
/// candidate can win its place back.
/// </summary>
public sealed record PublishChoice(ForecastMethod Method, string? ReasonCode)
{
    public const string DemotedReason = "demoted_live_accuracy";

    /// <summary>Whether the gate's choice must be kept as a shadow: it was demoted, so it is not what is published.</summary>
    public bool NeedsShadow => ReasonCode == DemotedReason;

    public static PublishChoice Decide(ChampionDecision decision, bool demoted)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return demoted && decision.Champion != decision.Baseline
            ? new PublishChoice(decision.Baseline, DemotedReason)
            : new PublishChoice(decision.Champion, null);
    }
}
